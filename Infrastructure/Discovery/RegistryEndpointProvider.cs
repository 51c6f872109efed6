using System.Diagnostics.CodeAnalysis;
using AgentLightning.Infrastructure.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace AgentLightning.Infrastructure.Discovery;

/// <summary>
/// Resolves a service name (<c>http://agent-designer</c>) to its ready instances in the registry. It runs before the
/// configuration provider, which adds the configured addresses only when this one added none: the registry is
/// unreachable, or knows no ready instance.
/// </summary>
internal sealed class RegistryEndpointProviderFactory(
    ServiceRegistry registry, IOptions<DiscoveryOptions> options, TimeProvider clock, ILogger<RegistryEndpointProvider> logger)
    : IServiceEndpointProviderFactory
{
    // One for every provider: an outage of the registry is logged once, not once per service name.
    private readonly OutageBackoff _outage = new("Service discovery (registry read)", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), logger)
    {
        WarnEvery = TimeSpan.FromMinutes(5),
    };

    public bool TryCreateProvider(ServiceEndpointQuery query, [NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        provider = new RegistryEndpointProvider(query.ServiceName, registry, options.Value.ResolverCacheDuration, clock, _outage);
        return true;
    }
}

internal sealed class RegistryEndpointProvider(
    string service, ServiceRegistry registry, TimeSpan cacheDuration, TimeProvider clock, OutageBackoff outage) : IServiceEndpointProvider
{
    public async ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
    {
        // The caller keeps what it resolved this long, then reads again on its next request.
        endpoints.AddChangeToken(new ExpiringChangeToken(clock.GetUtcNow() + cacheDuration, clock));
        try
        {
            foreach (var instance in await registry.ReadyInstancesAsync(service, cancellationToken))
            {
                if (Uri.TryCreate(instance.BaseUrl, UriKind.Absolute, out var address))
                {
                    endpoints.Endpoints.Add(ServiceEndpoint.Create(new UriEndPoint(address)));
                }
            }

            lock (outage)
            {
                outage.Succeeded();
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            lock (outage)
            {
                outage.Failed(e);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => "Registry";

    /// <summary>Changed once its time has passed; the resolver checks it on each read, so no timer is needed.</summary>
    private sealed class ExpiringChangeToken(DateTimeOffset expires, TimeProvider clock) : IChangeToken
    {
        public bool HasChanged => clock.GetUtcNow() >= expires;

        public bool ActiveChangeCallbacks => false;

        public IDisposable RegisterChangeCallback(Action<object?> callback, object? state) => NullDisposable.Instance;

        private sealed class NullDisposable : IDisposable
        {
            public static readonly NullDisposable Instance = new();

            public void Dispose()
            {
            }
        }
    }
}

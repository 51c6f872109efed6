using System.Collections.Concurrent;
using System.Net.Http.Headers;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Outbound;
using AgentLightning.Testing;
using AgentLightning.Testing.Outbound;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>
/// The hub's real Program in process (HTTP API and consumers), on a platform's database, queues and cache, with the
/// real outbound guard allowing loopback (not the platform's ports) and a resolver and connector the spec controls.
/// </summary>
internal sealed class HubApp : WebApplicationFactory<Program>
{
    private readonly HubPlatform _platform;
    private readonly IReadOnlyDictionary<string, string?>? _settings;

    public HubApp(HubPlatform platform, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _platform = platform;
        _settings = settings;
        Connector = new WatchingConnector(OutboundViolations.Enqueue);
    }

    /// <summary>Connections the hub tried outside 127.0.0.0/8 (refused): a spec's teardown expects none.</summary>
    public ConcurrentQueue<string> OutboundViolations { get; } = new();

    public TestResolver Resolver { get; } = new();

    public WatchingConnector Connector { get; }

    public HttpClient As(string? role)
    {
        var client = CreateClient();
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(role));
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Postgres", _platform.Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", TestServers.Redis);
        builder.UseSetting("ConnectionStrings:RabbitMq", TestServers.RabbitMq);
        builder.UseSetting("Auth:Authority", Tokens.Authority);
        builder.UseSetting("Messaging:QueuePrefix", _platform.QueuePrefix);
        builder.UseSetting("Messaging:WaitUntilStarted", "true");
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.500");
        builder.UseSetting("Cache:SchemaVersion", _platform.CacheSchema);
        builder.UseSetting("Service:Name", ServiceNames.IntegrationHub);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Outbound:AllowLoopback", "true");
        builder.ConfigureTestServices(services =>
        {
            // Test names never reach DNS; every connection is watched, and refused outside 127.0.0.0/8.
            services.Replace(ServiceDescriptor.Singleton<IOutboundAddressResolver>(Resolver));
            services.Replace(ServiceDescriptor.Singleton<IOutboundConnector>(Connector));
        });
    }
}

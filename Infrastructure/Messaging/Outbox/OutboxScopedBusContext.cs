using MassTransit;
using MassTransit.Clients;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Transports;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// What <see cref="IPublishEndpoint"/> and <see cref="ISendEndpointProvider"/> resolve to in a scope that is
/// not consuming a message (an HTTP request): every send and publish becomes an outbox row of the scope's
/// DbContext, delivered only after that DbContext commits.
/// </summary>
internal sealed class OutboxScopedBusContext(
    IBus bus, OutboxStaging staging, IClientFactory clientFactory, IServiceProvider provider) : ScopedBusContext, OutboxSendContext
{
    private IPublishEndpoint? _publishEndpoint;
    private ISendEndpointProvider? _sendEndpointProvider;
    private IScopedClientFactory? _clientFactory;

    public ISendEndpointProvider SendEndpointProvider =>
        _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, bus);

    public IPublishEndpoint PublishEndpoint =>
        _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, bus));

    /// <summary>Request/response waits for a reply, so it cannot wait for a commit: it goes straight to the bus.</summary>
    public IScopedClientFactory ClientFactory =>
        _clientFactory ??= new ScopedClientFactory(new ClientFactory(new ScopedClientFactoryContext(clientFactory, provider)), null);

    public Task AddSend<T>(SendContext<T> context) where T : class => staging.Add(context);

    public object? GetService(Type serviceType) => provider.GetService(serviceType);
}

using MassTransit;
using MassTransit.DependencyInjection;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Replaces MassTransit's scoped bus context: inside a consumer, sends go through the consume context (which
/// the consumer outbox has already made transactional); anywhere else, through the bus outbox.
/// </summary>
internal sealed class OutboxScopedBusContextProvider : IScopedBusContextProvider<IBus>
{
    public OutboxScopedBusContextProvider(
        IBus bus, OutboxStaging staging, Bind<IBus, IClientFactory> clientFactory,
        Bind<IBus, IScopedConsumeContextProvider> consumeContextProvider, IScopedConsumeContextProvider globalConsumeContextProvider,
        IServiceProvider provider)
    {
        if (consumeContextProvider.Value.HasContext)
        {
            Context = new ConsumeContextScopedBusContext(consumeContextProvider.Value.GetContext(), clientFactory.Value);
        }
        else if (globalConsumeContextProvider.HasContext)
        {
            Context = new ConsumeContextScopedBusContext<IBus>(bus, globalConsumeContextProvider.GetContext(), clientFactory.Value, provider);
        }
        else
        {
            Context = new OutboxScopedBusContext(bus, staging, clientFactory.Value, provider);
        }
    }

    public ScopedBusContext Context { get; }
}

using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// MassTransit's saga consume context, carrying the <see cref="SagaHistoryLog"/> of the message's DbContext. The outbox's
/// staging is the scope's (none on a bus without the platform's outbox: then what the saga sends is not recorded).
/// </summary>
internal sealed class PostgresSagaConsumeContextFactory<TSaga>(TimeProvider clock, OutboxStaging? outbox = null)
    : ISagaConsumeContextFactory<AgentLightningDbContext, TSaga>
    where TSaga : SagaState
{
    private static readonly string SagaType = typeof(TSaga).Name;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(
        AgentLightningDbContext context, ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class
    {
        var saga = new DefaultSagaConsumeContext<TSaga, T>(consumeContext, instance);
        saga.GetOrAddPayload(() => SagaHistoryLog.Begin(context, outbox, SagaType, instance.CorrelationId, consumeContext, clock.GetUtcNow().UtcDateTime));
        return Task.FromResult<SagaConsumeContext<TSaga, T>>(saga);
    }
}

using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>MassTransit's saga consume context, carrying the <see cref="SagaTransitionLog"/> of the message's DbContext.</summary>
internal sealed class PostgresSagaConsumeContextFactory<TSaga> : ISagaConsumeContextFactory<AgentLightningDbContext, TSaga>
    where TSaga : SagaState
{
    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(
        AgentLightningDbContext context, ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class
    {
        var saga = new DefaultSagaConsumeContext<TSaga, T>(consumeContext, instance);
        saga.GetOrAddPayload(() => new SagaTransitionLog(context));
        return Task.FromResult<SagaConsumeContext<TSaga, T>>(saga);
    }
}

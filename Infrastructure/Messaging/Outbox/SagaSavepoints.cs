using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Metadata;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Which consumers of the consumer outbox keep EF Core's automatic savepoint around each SaveChanges: the sagas only.
/// A consumer's attempt is one transaction that any failure rolls back whole before the retry, so the savepoint (a
/// SAVEPOINT and a RELEASE, two round trips per save) bought nothing there. A saga's insert does recover from a lost
/// race inside the transaction (another event inserted the instance first: only the insert is undone, the instance
/// is loaded instead), which needs the savepoint.
/// </summary>
internal sealed class SagaSavepoints
{
    private readonly ConcurrentDictionary<string, bool> _sagaTypes = new(StringComparer.Ordinal);

    /// <summary>By <see cref="MassTransit.Middleware.OutboxConsumeOptions.ConsumerType"/>, the short name MassTransit gives the consumer or saga type.</summary>
    public bool Keeps(string? consumerType) => consumerType is not null && _sagaTypes.ContainsKey(consumerType);

    /// <summary>Notes every saga configured on an endpoint, as the outbox's own observer sees it.</summary>
    public ISagaConfigurationObserver Observer() => new SagaObserver(this);

    private sealed class SagaObserver(SagaSavepoints savepoints) : ISagaConfigurationObserver
    {
        public void SagaConfigured<TSaga>(ISagaConfigurator<TSaga> configurator)
            where TSaga : class, ISaga =>
            savepoints._sagaTypes.TryAdd(TypeMetadataCache<TSaga>.ShortName, true);

        public void StateMachineSagaConfigured<TInstance>(ISagaConfigurator<TInstance> configurator, SagaStateMachine<TInstance> stateMachine)
            where TInstance : class, ISaga, SagaStateMachineInstance =>
            savepoints._sagaTypes.TryAdd(TypeMetadataCache<TInstance>.ShortName, true);

        public void SagaMessageConfigured<TSaga, TMessage>(ISagaMessageConfigurator<TSaga, TMessage> configurator)
            where TSaga : class, ISaga
            where TMessage : class =>
            savepoints._sagaTypes.TryAdd(TypeMetadataCache<TSaga>.ShortName, true);
    }
}

using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// Hears every state change of the machine (MassTransit connects each registered <see cref="IStateObserver{TSaga}"/>)
/// and adds it to the message's DbContext (<see cref="SagaHistoryLog"/>), so it commits with the saga's row or not at all. Several moves in one event
/// (a step, then Finalize) are each a row. The instance's birth into Initial is not a move and is not recorded.
/// </summary>
internal sealed class SagaTransitionRecorder<TSaga>(SagaInstanceName instance, TimeProvider clock) : IStateObserver<TSaga>
    where TSaga : SagaState
{
    private static readonly string SagaType = typeof(TSaga).Name;

    public Task StateChanged(BehaviorContext<TSaga> context, State currentState, State previousState)
    {
        if (previousState is null || !context.TryGetPayload(out SagaHistoryLog? log))
        {
            return Task.CompletedTask;
        }

        log.Add(new SagaTransition
        {
            SagaType = SagaType,
            CorrelationId = context.Saga.CorrelationId,
            FromState = previousState.Name,
            ToState = currentState.Name,
            Event = context.Event.Name,
            MessageId = context.MessageId,
            ConversationId = context.ConversationId,
            InitiatorId = context.InitiatorId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            Instance = instance.Value,
        });
        return Task.CompletedTask;
    }
}

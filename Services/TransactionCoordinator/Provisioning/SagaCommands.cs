using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>How a saga sends a step's command to its owner, through the message's outbox.</summary>
internal static class SagaCommands
{
    /// <summary>
    /// Through the platform's command sender of the message's scope, with the saga's id as the envelope's
    /// CorrelationId: the owner's CommandRejected carries it back, so a refusal of any step reaches the saga.
    /// </summary>
    public static Task SendCommandAsync<TSaga, TCommand>(this BehaviorContext<TSaga> context, TCommand command)
        where TSaga : class, SagaStateMachineInstance
        where TCommand : class =>
        context.GetServiceOrCreateInstance<ICommandSender>().Send(command, typeof(TCommand), context.Saga.CorrelationId, context.CancellationToken);
}

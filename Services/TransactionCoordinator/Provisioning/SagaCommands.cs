using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>How a saga sends a step's command to its owner, through the message's outbox.</summary>
internal static class SagaCommands
{
    /// <summary>
    /// To the owner's exchange (like ICommandSender), marked as a command, with the saga's id as the envelope's
    /// CorrelationId: the owner's CommandRejected carries it back, so a refusal of any step reaches the saga.
    /// </summary>
    public static async Task SendCommandAsync<TSaga, TCommand>(this BehaviorContext<TSaga> context, string queuePrefix, TCommand command)
        where TSaga : class, SagaStateMachineInstance
        where TCommand : class
    {
        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{CommandRouting.QueueOf(typeof(TCommand), queuePrefix)}"));
        await endpoint.Send(command, send =>
        {
            send.CorrelationId = context.Saga.CorrelationId;
            send.Headers.Set(CommandHeaders.Command, true);
        }, context.CancellationToken);
    }
}

using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

/// <summary>The platform's command sender needs AddMessaging; in the harness a command goes to its owner's queue, where the harness sees it sent.</summary>
internal sealed class HarnessCommandSender(ISendEndpointProvider endpoints) : ICommandSender
{
    public Task Send<TCommand>(TCommand command, CancellationToken cancellationToken = default)
        where TCommand : class =>
        Send(command, typeof(TCommand), cancellationToken);

    public Task<Guid> Send(object command, Type commandType, CancellationToken cancellationToken = default) =>
        Send(command, commandType, null, cancellationToken);

    public Task<Guid> Send(object command, Type commandType, Guid correlationId, CancellationToken cancellationToken = default) =>
        Send(command, commandType, (Guid?)correlationId, cancellationToken);

    private async Task<Guid> Send(object command, Type commandType, Guid? correlationId, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{CommandRouting.OwnerOf(commandType)}"));
        var messageId = NewId.NextGuid();
        await endpoint.Send(command, commandType, Pipe.Execute<SendContext>(c =>
        {
            c.MessageId = messageId;
            if (correlationId is not null)
            {
                c.CorrelationId = correlationId;
            }
        }), cancellationToken);
        return messageId;
    }
}

using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Commands;

internal sealed class CommandSender(ISendEndpointProvider endpoints, IOptions<MessagingOptions> options) : ICommandSender
{
    public Task Send<TCommand>(TCommand command, CancellationToken cancellationToken = default) where TCommand : class =>
        Send(command, typeof(TCommand), cancellationToken);

    public Task<Guid> Send(object command, Type commandType, CancellationToken cancellationToken = default) =>
        Send(command, commandType, null, cancellationToken);

    public Task<Guid> Send(object command, Type commandType, Guid correlationId, CancellationToken cancellationToken = default) =>
        Send(command, commandType, (Guid?)correlationId, cancellationToken);

    private async Task<Guid> Send(object command, Type commandType, Guid? correlationId, CancellationToken cancellationToken)
    {
        // The owner's exchange, not "queue:": a sender must not declare the owner's queue (as a classic queue,
        // which the broker refuses since the owner declared it quorum).
        var queue = CommandRouting.QueueOf(commandType, options.Value.QueuePrefix);
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"exchange:{queue}"));
        var messageId = NewId.NextGuid();
        await endpoint.Send(command, commandType, Pipe.Execute<SendContext>(context =>
        {
            context.MessageId = messageId;
            if (correlationId is not null)
            {
                context.CorrelationId = correlationId;
            }
            context.Headers.Set(CommandHeaders.Command, true);
        }), cancellationToken);
        return messageId;
    }
}

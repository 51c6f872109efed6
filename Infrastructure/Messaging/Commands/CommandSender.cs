using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Commands;

internal sealed class CommandSender(ISendEndpointProvider endpoints, IOptions<MessagingOptions> options) : ICommandSender
{
    public async Task Send<TCommand>(TCommand command, CancellationToken cancellationToken = default) where TCommand : class
    {
        var queue = CommandRouting.QueueOf(typeof(TCommand), options.Value.QueuePrefix);
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(command, cancellationToken);
    }
}

using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Commands;

internal sealed class CommandSender(ISendEndpointProvider endpoints, IOptions<MessagingOptions> options) : ICommandSender
{
    /// <summary>Marks a command, so delivery sends it mandatory: with no owner queue bound it is refused, not lost.</summary>
    public const string CommandHeader = "AL-Command";

    public async Task Send<TCommand>(TCommand command, CancellationToken cancellationToken = default) where TCommand : class
    {
        // The owner's exchange, not "queue:": a sender must not declare the owner's queue (as a classic queue,
        // which the broker refuses since the owner declared it quorum).
        var queue = CommandRouting.QueueOf(typeof(TCommand), options.Value.QueuePrefix);
        var endpoint = await endpoints.GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(command, context => context.Headers.Set(CommandHeader, true), cancellationToken);
    }
}

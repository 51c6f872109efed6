using MassTransit;
using MassTransit.Middleware;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Re-sends a captured message; a command (see <c>CommandSender</c>) goes mandatory, so while its owner's
/// queue does not exist the broker returns it and its outbox retries later instead of the message vanishing.
/// </summary>
internal sealed class MandatoryCommandPipe(OutboxMessage message, Uri destination) : IPipe<SendContext>
{
    private readonly OutboxMessageSendPipe _inner = new(message, destination);

    public async Task Send(SendContext context)
    {
        await _inner.Send(context);
        if (!context.Headers.TryGetHeader(Commands.CommandSender.CommandHeader, out _))
        {
            return;
        }

        var rabbit = context as RabbitMqSendContext;
        if (rabbit is not null || context.TryGetPayload(out rabbit))
        {
            rabbit.Mandatory = true;
        }
    }

    public void Probe(ProbeContext context) => _inner.Probe(context);
}

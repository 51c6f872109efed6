using System.Net.Mime;
using MassTransit;
using MassTransit.Context;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Sends a stored row as it was captured: the body bytes unchanged (envelope with MessageId, headers and message
/// types inside), and the transport-level MessageId, CorrelationId, headers and properties restored.
/// </summary>
internal sealed class ScheduledMessageSendPipe(ScheduledMessageEntry entry, DateTime now) : IPipe<SendContext>
{
    public Task Send(SendContext context)
    {
        context.MessageId = entry.MessageId;
        context.CorrelationId = entry.CorrelationId;
        context.SupportedMessageTypes = entry.MessageType.Split(';');
        context.Serializer = new StoredBodySerializer(new ContentType(entry.ContentType), entry.Body);

        foreach (var header in HeaderJson.Read(entry.Headers))
        {
            context.Headers.Set(header.Key, header.Value);
        }

        if (context is TransportSendContext transport)
        {
            transport.ReadPropertiesFrom(HeaderJson.Read(entry.TransportProperties));
        }

        // Never a transport delay: without the delayed-exchange plugin RabbitMQ would close the connection.
        context.Delay = null;
        if (entry.ExpiresAt is { } expiresAt)
        {
            context.TimeToLive = expiresAt - now;
        }

        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateScope("scheduledMessage");

    private sealed class StoredBodySerializer(ContentType contentType, byte[] body) : IMessageSerializer
    {
        public ContentType ContentType => contentType;

        public MessageBody GetMessageBody<T>(SendContext<T> context) where T : class => new BytesMessageBody(body);
    }
}

using MassTransit;
using MassTransit.Context;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>Turns a fully prepared SendContext into a row, the way the outbox turns one into an outbox message.</summary>
internal static class ScheduledMessageCapture
{
    /// <summary>MassTransit's property name for a transport delay (its constant is private).</summary>
    private const string DelayProperty = "Delay";

    public static ScheduledMessageEntry ToEntry<T>(SendContext<T> context, Uri destinationAddress, Guid tokenId, DateTime dueAt, DateTime now)
        where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "The SendContext MessageId must be present");

        // Serialize first: a serializer may add transport headers while it writes the body.
        var body = context.Serializer.GetMessageBody(context).GetBytes();

        var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        if (context is TransportSendContext<T> transport)
        {
            transport.WritePropertiesTo(properties);
        }

        // The delay is the schedule, which is ours: left in, RabbitMQ would route the send to a delayed exchange
        // that this broker does not have (and close the connection).
        properties.Remove(DelayProperty);

        return new ScheduledMessageEntry
        {
            TokenId = tokenId,
            DestinationAddress = context.DestinationAddress ?? destinationAddress,
            MessageId = messageId,
            CorrelationId = context.CorrelationId,
            MessageType = string.Join(";", context.SupportedMessageTypes),
            ContentType = context.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString(),
            Body = body,
            Headers = HeaderJson.Write(context.Headers.GetAll()),
            TransportProperties = HeaderJson.Write(properties),
            ExpiresAt = context.TimeToLive is { } ttl ? now + ttl : null,
            DueAt = dueAt,
            CreatedAt = now,
        };
    }
}

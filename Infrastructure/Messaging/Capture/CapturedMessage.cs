using MassTransit;
using MassTransit.Context;

namespace AgentLightning.Infrastructure.Messaging.Capture;

/// <summary>
/// A message exactly as MassTransit was about to send it: the serialized body (envelope with MessageId, headers and
/// message types inside), the transport-level ids, headers and properties. The outbox and the scheduler store it in
/// their rows, send it later through <see cref="CapturedMessageSendPipe"/>, and give it to the dead-letter store
/// when they give up on it; a consumer sees the same message whenever and however often it is sent.
/// </summary>
public sealed record CapturedMessage
{
    /// <summary>MassTransit's property name for a transport delay (its constant is private).</summary>
    private const string DelayProperty = "Delay";

    public required Guid MessageId { get; init; }

    public Guid? CorrelationId { get; init; }

    public Guid? ConversationId { get; init; }

    public Guid? InitiatorId { get; init; }

    public Guid? RequestId { get; init; }

    public Uri? SourceAddress { get; init; }

    public Uri? DestinationAddress { get; init; }

    public Uri? ResponseAddress { get; init; }

    public Uri? FaultAddress { get; init; }

    /// <summary>The message type URNs, separated by ';' as in MassTransit's envelope.</summary>
    public required string MessageType { get; init; }

    public required string ContentType { get; init; }

    public required MessageBody Body { get; init; }

    /// <summary>Transport headers in <see cref="HeaderJson"/>'s form, or null for none.</summary>
    public string? Headers { get; init; }

    /// <summary>Transport properties (RabbitMQ priority, durability, ...) in <see cref="HeaderJson"/>'s form, or null.</summary>
    public string? Properties { get; init; }

    public DateTime? SentTime { get; init; }

    /// <summary>Absolute, fixed when the message was captured: a later send gets what is left of its time-to-live.</summary>
    public DateTime? ExpirationTime { get; init; }

    public static CapturedMessage From<T>(SendContext<T> context, DateTime now) where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "A captured message needs a MessageId.");

        // Serialize first (a body is lazy until read): a serializer may add transport headers while it writes the body.
        var body = new BytesMessageBody(context.Serializer.GetMessageBody(context).GetBytes());

        var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        if (context is TransportSendContext<T> transport)
        {
            transport.WritePropertiesTo(properties);
        }

        // A transport delay is never ours to send: without the delayed-exchange plugin RabbitMQ would route to an
        // exchange type this broker does not have and close the connection (a schedule's delay is its due time).
        properties.Remove(DelayProperty);

        return new CapturedMessage
        {
            MessageId = messageId,
            CorrelationId = context.CorrelationId,
            ConversationId = context.ConversationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress,
            DestinationAddress = context.DestinationAddress,
            ResponseAddress = context.ResponseAddress,
            FaultAddress = context.FaultAddress,
            MessageType = string.Join(";", context.SupportedMessageTypes),
            ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString(),
            Body = body,
            Headers = HeaderJson.WriteOrNull([.. context.Headers.GetAll()]),
            Properties = HeaderJson.WriteOrNull(properties),
            SentTime = context.SentTime ?? now,
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
        };
    }
}

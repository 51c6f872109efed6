using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// One row of <c>scheduled_messages</c>: a <see cref="CapturedMessage"/> (body bytes, MessageId, headers, transport
/// properties) waiting for its due time. The dispatcher sends the stored bytes unchanged, so a consumer sees the same
/// message whenever and however often it is sent.
/// </summary>
public sealed class ScheduledMessageEntry
{
    /// <summary>The schedule's id: what <c>ScheduledMessage.TokenId</c> returns and cancellation takes.</summary>
    public Guid TokenId { get; set; }

    public required Uri DestinationAddress { get; set; }

    public Guid MessageId { get; set; }

    public Guid? CorrelationId { get; set; }

    /// <summary>The message type URNs, separated by ';' as in MassTransit's envelope.</summary>
    public required string MessageType { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Body { get; set; }

    /// <summary>Transport headers in <see cref="HeaderJson"/>'s form (jsonb), MT-Redelivery-Count among them.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport properties (RabbitMQ priority, durability, ...) in <see cref="HeaderJson"/>'s form (jsonb).</summary>
    public string? TransportProperties { get; set; }

    /// <summary>Absolute, fixed when the message was scheduled (as the outbox does with a time-to-live).</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>When the message is to be sent (UTC); moved forward after a failed send.</summary>
    public DateTime DueAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the first send failed: kept on the dead letter if it never goes.</summary>
    public DateTime? FirstFailedAt { get; set; }

    public string? LastError { get; set; }

    public static ScheduledMessageEntry From(CapturedMessage message, Uri destinationAddress, Guid tokenId, DateTime dueAt, DateTime now) => new()
    {
        TokenId = tokenId,
        DestinationAddress = message.DestinationAddress ?? destinationAddress,
        MessageId = message.MessageId,
        CorrelationId = message.CorrelationId,
        MessageType = message.MessageType,
        ContentType = message.ContentType,
        Body = message.Body.GetBytes(),
        Headers = message.Headers,
        TransportProperties = message.Properties,
        ExpiresAt = message.ExpirationTime,
        DueAt = dueAt,
        CreatedAt = now,
    };

    /// <summary>The envelope in the body carries the other ids and addresses; the row keeps what the transport needs.</summary>
    public CapturedMessage ToCaptured() => new()
    {
        MessageId = MessageId,
        CorrelationId = CorrelationId,
        DestinationAddress = DestinationAddress,
        MessageType = MessageType,
        ContentType = ContentType,
        Body = new BytesMessageBody(Body),
        Headers = Headers,
        Properties = TransportProperties,
        ExpirationTime = ExpiresAt,
    };
}

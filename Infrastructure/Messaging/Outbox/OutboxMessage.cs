using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// A message sent or published inside a transaction: a <see cref="CapturedMessage"/> in a row of its outbox, sent
/// again exactly as it was captured (same MessageId, headers and destination).
/// </summary>
public sealed class OutboxMessage
{
    public long SequenceNumber { get; set; }

    public Guid OutboxId { get; set; }

    public Guid MessageId { get; set; }

    public required string ContentType { get; set; }

    public required string MessageType { get; set; }

    public required string Body { get; set; }

    /// <summary>Headers in <see cref="HeaderJson"/>'s form (rows of older versions: MassTransit's dictionary JSON, read the same).</summary>
    public string? Headers { get; set; }

    public string? Properties { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public Uri? SourceAddress { get; set; }

    public Uri? DestinationAddress { get; set; }

    public Uri? ResponseAddress { get; set; }

    public Uri? FaultAddress { get; set; }

    public DateTime SentTime { get; set; }

    public DateTime? ExpirationTime { get; set; }

    public static OutboxMessage From(CapturedMessage message, Guid outboxId, DateTime now) => new()
    {
        OutboxId = outboxId,
        MessageId = message.MessageId,
        ContentType = message.ContentType,
        MessageType = message.MessageType,
        Body = message.Body.GetString(),
        Headers = message.Headers,
        Properties = message.Properties,
        ConversationId = message.ConversationId,
        CorrelationId = message.CorrelationId,
        InitiatorId = message.InitiatorId,
        RequestId = message.RequestId,
        SourceAddress = message.SourceAddress,
        DestinationAddress = message.DestinationAddress,
        ResponseAddress = message.ResponseAddress,
        FaultAddress = message.FaultAddress,
        SentTime = message.SentTime ?? now,
        ExpirationTime = message.ExpirationTime,
    };

    public CapturedMessage ToCaptured() => new()
    {
        MessageId = MessageId,
        ContentType = ContentType,
        MessageType = MessageType,
        Body = new StringMessageBody(Body),
        Headers = Headers,
        Properties = Properties,
        ConversationId = ConversationId,
        CorrelationId = CorrelationId,
        InitiatorId = InitiatorId,
        RequestId = RequestId,
        SourceAddress = SourceAddress,
        DestinationAddress = DestinationAddress,
        ResponseAddress = ResponseAddress,
        FaultAddress = FaultAddress,
        SentTime = SentTime,
        ExpirationTime = ExpirationTime,
    };
}

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Marks a message as consumed by one consumer, in the same transaction as the consumer's effects: a second
/// delivery of the same MessageId finds the row and is acknowledged without effect.
/// </summary>
public sealed class InboxState
{
    public Guid MessageId { get; set; }

    public required string ConsumerId { get; set; }

    public DateTime ReceivedAt { get; set; }
}

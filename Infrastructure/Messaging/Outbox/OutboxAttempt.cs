namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// A delivery round that is sending (or sent) an outbox's messages and has not settled yet, written and committed
/// before the first send. One that outlives its round is the trace of a process that died after sending, possibly.
/// </summary>
public sealed class OutboxAttempt
{
    public Guid OutboxId { get; set; }

    /// <summary>When the oldest unsettled round began: the earliest its messages can have reached a consumer.</summary>
    public DateTime StartedAt { get; set; }
}

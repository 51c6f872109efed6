namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// One transaction's batch of outgoing messages: the unit delivery locks (FOR UPDATE SKIP LOCKED), keeps in
/// order, and backs off on when the broker refuses one of its messages, without holding up any other outbox.
/// Messages reference it with a foreign key, so none can exist without it.
/// </summary>
public sealed class OutboxState
{
    public Guid OutboxId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When delivery may next be tried; moved forward after a failed attempt.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Refused sends of the message now at the head of the outbox.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When the head message was first refused: kept on its dead letter if it never goes.</summary>
    public DateTime? FirstFailedAt { get; set; }

    public string? LastError { get; set; }
}

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>One operator action on a dead letter, kept for audit: never updated or deleted.</summary>
public sealed class DeadLetterAction
{
    public const string Retry = "retry";
    public const string EditAndRetry = "edit-and-retry";
    public const string Archive = "archive";

    public long Id { get; set; }

    public Guid DeadLetterId { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>What the action did, as JSON (jsonb): replay count, body hashes before and after an edit.</summary>
    public string? Detail { get; set; }
}

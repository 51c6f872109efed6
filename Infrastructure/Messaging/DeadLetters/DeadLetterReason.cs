namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

public static class DeadLetterReason
{
    /// <summary>A consumer threw until its retries were exhausted (MassTransit moved it to <c>_error</c>).</summary>
    public const string Fault = "fault";

    /// <summary>No consumer on the endpoint for its message type (MassTransit moved it to <c>_skipped</c>).</summary>
    public const string Skipped = "skipped";

    /// <summary>The body could not be deserialized: invalid JSON, no envelope (straight to <c>_error</c>, no retries).</summary>
    public const string Poison = "poison";

    /// <summary>Could never be sent, e.g. by the transactional outbox; added directly through <see cref="IDeadLetterStore"/>.</summary>
    public const string Undeliverable = "undeliverable";

    /// <summary>
    /// Its owner refused a command for good (target missing after the redelivery window, or a business rule); added
    /// in the consumer's transaction with the CommandRejected event (see Messaging/Commands).
    /// </summary>
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Fault, Skipped, Poison, Undeliverable, Rejected];
}

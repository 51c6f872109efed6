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

    public static readonly IReadOnlyList<string> All = [Fault, Skipped, Poison, Undeliverable];
}

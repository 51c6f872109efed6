namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

public static class DeadLetterStatus
{
    /// <summary>Waiting for an operator; also where a replayed message lands again when it fails again.</summary>
    public const string Pending = "pending";

    /// <summary>Sent back to its queue; stays so unless it fails again.</summary>
    public const string Replayed = "replayed";

    /// <summary>Put aside by an operator: never replayed.</summary>
    public const string Archived = "archived";

    /// <summary>
    /// A retry that was not sent: the inbox shows the message already took effect for the consumer it failed in (or,
    /// undeliverable, that it arrived after all). Final, like archived.
    /// </summary>
    public const string AlreadyApplied = "applied";

    public static readonly IReadOnlyList<string> All = [Pending, Replayed, Archived, AlreadyApplied];
}

namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

/// <summary>A command's outcome, most definite first: the first that holds is shown.</summary>
public static class CommandStatuses
{
    /// <summary>Its owner changed state for it: its event-log rows carry the command's id as causation.</summary>
    public const string Applied = "applied";

    /// <summary>Its owner refused it for good (CommandRejected, kept as a "rejected" dead letter).</summary>
    public const string Rejected = "rejected";

    /// <summary>
    /// It could not be processed and is a dead letter (fault: its owner's consumer threw, e.g. a bad slug; poison;
    /// undeliverable): the rejection field carries the letter's reason and exception message.
    /// </summary>
    public const string Failed = "failed";

    /// <summary>Its owner took it (its inbox has it) and changed nothing yet: already applied, or waiting for its target.</summary>
    public const string Consumed = "consumed";

    /// <summary>Still in the sender's outbox: committed, not yet handed to the broker.</summary>
    public const string Pending = "pending";

    /// <summary>
    /// None of the above: on the broker on its way to its owner, or consumed without effect longer ago than the
    /// inbox remembers (Messaging:Outbox:DuplicateDetectionWindow). An id never sent is 404, not this.
    /// </summary>
    public const string Sent = "sent";
}

namespace AgentLightning.Contracts.System;

/// <summary>
/// A command its owner refused for good: its target did not appear within the redelivery window, or a business
/// rule (a stale expected version, an invalid state, an id taken by other content) forbids it. Published once
/// per refusal, in the owner's transaction; the command is kept as a "rejected" dead letter an operator can fix
/// and replay. <see cref="MessageId"/> is the id the command was first sent with (redeliveries keep it).
/// </summary>
public sealed record CommandRejected
{
    /// <summary>The command's contract name, e.g. AddKnowledge.</summary>
    public required string CommandType { get; init; }

    public required Guid MessageId { get; init; }

    public Guid? ConversationId { get; init; }

    public Guid? CorrelationId { get; init; }

    /// <summary>The aggregate the refusal is about: the command's target or one it refers to (an agent for AddKnowledge).</summary>
    public required string TargetType { get; init; }

    public required string TargetId { get; init; }

    /// <summary>One of <see cref="CommandRejections"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>What an operator reads, e.g. "expected version 1, found 2".</summary>
    public required string Detail { get; init; }

    /// <summary>The service that refused it.</summary>
    public required string RejectedBy { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

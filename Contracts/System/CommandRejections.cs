namespace AgentLightning.Contracts.System;

/// <summary>Why a command was rejected (<see cref="CommandRejected.Reason"/>).</summary>
public static class CommandRejections
{
    /// <summary>The target (or an aggregate it refers to) did not exist within the redelivery window.</summary>
    public const string NotFound = "not-found";

    /// <summary>A business rule refuses it: a stale expected version, an invalid state, an id taken by other content.</summary>
    public const string Conflict = "conflict";

    public static IReadOnlyList<string> All { get; } = [NotFound, Conflict];
}

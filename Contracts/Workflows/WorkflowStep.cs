using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

/// <summary>
/// One step of a workflow, run as a task of the step's agent. A value inside workflow messages, not a
/// message. Steps run in order; consecutive steps with the same <see cref="ParallelGroup"/> run together.
/// </summary>
public sealed record WorkflowStep
{
    public required string Name { get; init; }

    public required string AgentId { get; init; }

    /// <summary>The task the step gives its agent.</summary>
    public string? Description { get; init; }

    /// <summary>The task that undoes the step when a later one fails; none when the step needs no undoing.</summary>
    public string? Compensation { get; init; }

    /// <summary>How long the step's task may run before it counts as failed.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How many times a failed task is tried again before the step fails.</summary>
    public int RetryCount { get; init; }

    public string? ParallelGroup { get; init; }

    public JsonElement? Input { get; init; }
}

using System.Text.Json;

namespace AgentLightning.Contracts.Tasks;

/// <summary>
/// Creates a task under the id the caller chose, so a retry cannot create a second one. A higher
/// <see cref="Priority"/> runs first.
/// </summary>
public sealed record CreateTask
{
    public required Guid TaskId { get; init; }

    public required string AgentId { get; init; }

    public required string Description { get; init; }

    public int Priority { get; init; }

    public JsonElement? Context { get; init; }

    public Guid? WorkflowId { get; init; }

    /// <summary>The workflow run (saga) whose step this task is; null for a task of no run.</summary>
    public Guid? RunId { get; init; }
}

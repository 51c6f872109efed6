using System.Text.Json;

namespace AgentLightning.Contracts.Tasks;

public sealed record TaskCreated
{
    public required Guid TaskId { get; init; }

    public required string AgentId { get; init; }

    public required string Description { get; init; }

    public required string Status { get; init; }

    public required int Priority { get; init; }

    public JsonElement? Context { get; init; }

    public Guid? WorkflowId { get; init; }

    /// <summary>The workflow run (saga) whose step this task is; null for a task of no run.</summary>
    public Guid? RunId { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

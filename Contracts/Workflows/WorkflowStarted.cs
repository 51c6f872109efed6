using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

public sealed record WorkflowStarted
{
    /// <summary>The run (the saga's correlation id); its events are numbered 1, 2, 3… by <c>Version</c>, without a gap.</summary>
    public Guid RunId { get; init; }

    public required Guid WorkflowId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<WorkflowStep> Steps { get; init; }

    public string? CreatedBy { get; init; }

    public string? AssignedTo { get; init; }

    public JsonElement? Context { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

/// <summary>A workflow definition was replaced; it carries the whole definition.</summary>
public sealed record WorkflowUpdated
{
    public required Guid WorkflowId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<WorkflowStep> Steps { get; init; }

    public string? CreatedBy { get; init; }

    public JsonElement? Context { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

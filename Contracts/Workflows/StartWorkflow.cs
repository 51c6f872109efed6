using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

/// <summary>Starts a workflow under the id the caller chose, so a retry cannot start a second one.</summary>
public sealed record StartWorkflow
{
    public required Guid WorkflowId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<WorkflowStep> Steps { get; init; }

    public string? CreatedBy { get; init; }

    public string? AssignedTo { get; init; }

    public JsonElement? Context { get; init; }
}

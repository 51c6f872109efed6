using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

/// <summary>
/// Starts a run of a workflow definition under the run id the caller chose (the saga's correlation id), so a
/// retry cannot start a second one. Owned by the Transaction Coordinator, which runs the saga.
/// </summary>
public sealed record StartWorkflow
{
    public required Guid RunId { get; init; }

    /// <summary>The definition the run is of.</summary>
    public required Guid WorkflowId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<WorkflowStep> Steps { get; init; }

    public string? CreatedBy { get; init; }

    public string? AssignedTo { get; init; }

    public JsonElement? Context { get; init; }
}

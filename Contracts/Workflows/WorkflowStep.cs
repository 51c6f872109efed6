using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

/// <summary>
/// One step of a workflow, run as a task of the step's agent. A value inside workflow messages, not a
/// message.
/// </summary>
public sealed record WorkflowStep
{
    public required string Name { get; init; }

    public required string AgentId { get; init; }

    public string? Description { get; init; }

    public JsonElement? Input { get; init; }
}

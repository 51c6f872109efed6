using System.Text.Json;

namespace AgentLightning.Contracts.Models;

/// <summary>
/// Asks the AI Model Service to run a task Workflow Engine created. It reports back with the task commands
/// (StartTask, ReportTaskProgress, CompleteTask, FailTask), so the task keeps one writer.
/// </summary>
public sealed record ExecuteTask
{
    public required Guid TaskId { get; init; }

    public required string AgentId { get; init; }

    /// <summary>The name of the model the agent was configured with when the task was created.</summary>
    public required string Model { get; init; }

    public required string Description { get; init; }

    public int Priority { get; init; }

    public JsonElement? Context { get; init; }
}

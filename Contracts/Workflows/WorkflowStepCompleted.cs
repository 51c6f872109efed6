using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

public sealed record WorkflowStepCompleted
{
    /// <summary>The run (the saga's correlation id); its events are numbered 1, 2, 3… by <c>Version</c>, without a gap.</summary>
    public Guid RunId { get; init; }

    public required Guid WorkflowId { get; init; }

    public required int StepIndex { get; init; }

    public required string StepName { get; init; }

    public required Guid TaskId { get; init; }

    public JsonElement? Result { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

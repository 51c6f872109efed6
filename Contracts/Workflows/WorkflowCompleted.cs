using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

public sealed record WorkflowCompleted
{
    /// <summary>The run (the saga's correlation id); its events' versions order them.</summary>
    public Guid RunId { get; init; }

    public required Guid WorkflowId { get; init; }

    public JsonElement? Context { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

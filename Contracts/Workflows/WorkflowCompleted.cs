using System.Text.Json;

namespace AgentLightning.Contracts.Workflows;

public sealed record WorkflowCompleted
{
    public required Guid WorkflowId { get; init; }

    public JsonElement? Context { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

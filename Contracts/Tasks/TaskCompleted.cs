using System.Text.Json;

namespace AgentLightning.Contracts.Tasks;

public sealed record TaskCompleted
{
    public required Guid TaskId { get; init; }

    public required string AgentId { get; init; }

    public JsonElement? Result { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

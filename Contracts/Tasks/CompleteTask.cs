using System.Text.Json;

namespace AgentLightning.Contracts.Tasks;

public sealed record CompleteTask
{
    public required Guid TaskId { get; init; }

    public JsonElement? Result { get; init; }

    public long? ExpectedVersion { get; init; }
}

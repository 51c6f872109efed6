using System.Text.Json;

namespace AgentLightning.Contracts.Agents;

public sealed record AgentCreated
{
    public required string AgentId { get; init; }

    public required string Name { get; init; }

    public required string Model { get; init; }

    public string? Specialization { get; init; }

    public JsonElement? Config { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public required string Status { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

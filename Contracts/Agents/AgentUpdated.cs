using System.Text.Json;

namespace AgentLightning.Contracts.Agents;

/// <summary>
/// Carries the whole new definition so readers can refresh a cache without loading the row.
/// </summary>
public sealed record AgentUpdated
{
    public required string AgentId { get; init; }

    public required string Name { get; init; }

    public required string Model { get; init; }

    public string? Specialization { get; init; }

    public JsonElement? Config { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

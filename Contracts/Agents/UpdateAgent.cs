using System.Text.Json;

namespace AgentLightning.Contracts.Agents;

/// <summary>
/// Replaces the agent's definition; a whole state rather than a patch, so redelivery is harmless. Status
/// changes through <see cref="ChangeAgentStatus"/>.
/// </summary>
public sealed record UpdateAgent
{
    public required string AgentId { get; init; }

    public required string Name { get; init; }

    public required string Model { get; init; }

    public string? Specialization { get; init; }

    public JsonElement? Config { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public long? ExpectedVersion { get; init; }
}

using System.Text.Json;

namespace AgentLightning.Contracts.Agents;

/// <summary>
/// Creates an agent under the id the caller chose (see <see cref="AgentSlug"/>), so a retry cannot create a
/// second one.
/// </summary>
public sealed record CreateAgent
{
    public required string AgentId { get; init; }

    public required string Name { get; init; }

    public required string Model { get; init; }

    public string? Specialization { get; init; }

    public JsonElement? Config { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public string Status { get; init; } = AgentStatuses.Active;
}

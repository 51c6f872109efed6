using System.Text.Json;

namespace AgentLightning.Contracts.Integrations;

/// <summary>An integration's new definition (a rotated secret too, without the secret itself).</summary>
public sealed record IntegrationUpdated
{
    public required Guid IntegrationId { get; init; }

    public required string Name { get; init; }

    public required string Kind { get; init; }

    public Uri? Endpoint { get; init; }

    public JsonElement? Config { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

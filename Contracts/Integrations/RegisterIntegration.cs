using System.Text.Json;

namespace AgentLightning.Contracts.Integrations;

/// <summary>
/// Registers an integration under the id the caller chose. Secrets never travel in messages (they would be
/// kept in outbox rows, dead letters and logs): <see cref="Config"/> names them.
/// </summary>
public sealed record RegisterIntegration
{
    public required Guid IntegrationId { get; init; }

    public required string Name { get; init; }

    public required string Kind { get; init; }

    public Uri? Endpoint { get; init; }

    public JsonElement? Config { get; init; }
}

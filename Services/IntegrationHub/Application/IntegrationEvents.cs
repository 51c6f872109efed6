using System.Text.Json;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.IntegrationHub.Application;

/// <summary>The events of an integration, from its state after the change; never with a secret.</summary>
internal static class IntegrationEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IntegrationRegistered Registered(Integration integration, DateTimeOffset at) => new()
    {
        IntegrationId = integration.Id,
        Name = integration.Name,
        Kind = integration.Kind,
        Endpoint = new Uri(integration.Url),
        Config = Config(integration),
        Version = integration.Version,
        OccurredAt = at,
    };

    public static IntegrationUpdated Updated(Integration integration, DateTimeOffset at) => new()
    {
        IntegrationId = integration.Id,
        Name = integration.Name,
        Kind = integration.Kind,
        Endpoint = new Uri(integration.Url),
        Config = Config(integration),
        Version = integration.Version,
        OccurredAt = at,
    };

    public static IntegrationRemoved Removed(Integration integration, DateTimeOffset at) => new()
    {
        IntegrationId = integration.Id,
        Kind = integration.Kind,
        Version = integration.Version,
        OccurredAt = at,
    };

    /// <summary>The settings besides name, kind and URL, as RegisterIntegration's Config carries them.</summary>
    public static JsonElement Config(Integration integration) => JsonSerializer.SerializeToElement(
        new IntegrationConfig(integration.Channels, integration.Active, integration.AuthHeaderName, integration.CacheTtlSeconds), Json);

    /// <summary>RegisterIntegration's Config read back; an absent Config is an active integration with no channels.</summary>
    public static IntegrationConfig ReadConfig(JsonElement? config) =>
        config is { ValueKind: JsonValueKind.Object } element
            ? element.Deserialize<IntegrationConfig>(Json) ?? new IntegrationConfig([], true, null, null)
            : new IntegrationConfig([], true, null, null);
}

/// <summary>An integration's settings in messages (no secret: the hub generates a webhook's, and keeps it).</summary>
internal sealed record IntegrationConfig(IReadOnlyList<string>? Channels, bool? Active, string? AuthHeaderName, int? CacheTtlSeconds);

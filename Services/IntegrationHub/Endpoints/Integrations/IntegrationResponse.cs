using System.Text.Json.Serialization;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.IntegrationHub.Endpoints.Integrations;

/// <summary>
/// An integration as clients see it: no secret, except <see cref="Secret"/> in the answer that created or rotated
/// it (the only time it is shown).
/// </summary>
internal sealed record IntegrationResponse(
    Guid Id, string Name, string Kind, string Url, IReadOnlyList<string> Channels, bool Active, string? AuthHeaderName,
    int? CacheTtlSeconds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    public static IntegrationResponse From(Integration integration) => new(
        integration.Id, integration.Name, integration.Kind, integration.Url, integration.Channels, integration.Active,
        integration.AuthHeaderName, integration.CacheTtlSeconds, integration.CreatedAt, integration.UpdatedAt, integration.Version);
}

/// <summary>One page of integrations: count is this page's, next is null on the last.</summary>
internal sealed record IntegrationListResponse(IReadOnlyList<IntegrationResponse> Integrations, int Count, string? Next);

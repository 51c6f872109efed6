using AgentLightning.IntegrationHub.Application;

namespace AgentLightning.IntegrationHub.Endpoints.Integrations;

/// <summary>
/// The id is optional (a caller that sends one can retry without creating twice). A webhook's secret is generated
/// unless given; an http integration's auth header value is the caller's. Neither is ever shown again.
/// </summary>
internal sealed record CreateIntegrationRequest(
    Guid? Id, string? Name, string? Kind, string? Url, IReadOnlyList<string>? Channels, bool? Active,
    string? Secret, string? AuthHeaderName, string? AuthHeaderValue, int? CacheTtlSeconds)
{
    public IntegrationDefinition ToDefinition() => new(Name ?? "", Url ?? "", Channels ?? [], Active ?? true, AuthHeaderName, CacheTtlSeconds);
}

/// <summary>The whole definition (an absent optional field is cleared), except the auth header value: absent keeps it.</summary>
internal sealed record UpdateIntegrationRequest(
    string? Name, string? Url, IReadOnlyList<string>? Channels, bool? Active, string? AuthHeaderName, string? AuthHeaderValue, int? CacheTtlSeconds)
{
    public IntegrationDefinition ToDefinition() => new(Name ?? "", Url ?? "", Channels ?? [], Active ?? true, AuthHeaderName, CacheTtlSeconds);
}

/// <summary>A secret of the caller's own; absent, the hub generates one.</summary>
internal sealed record RotateSecretRequest(string? Secret);

using System.Text.Json.Serialization;

namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// The Integration Hub's aggregate: a webhook subscription (events out to a URL) or an external HTTP API (calls
/// through the hub). The secrets are columns of the row but never part of its JSON, so neither the event log nor
/// the cache nor any response holds them; <c>IntegrationRepository.SecretsAsync</c> reads them where they are used.
/// </summary>
public sealed class Integration : IAggregate
{
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2000;

    public static string AggregateType => "integration";

    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Contracts' <c>IntegrationKinds</c>: webhook or http.</summary>
    public required string Kind { get; set; }

    /// <summary>The webhook's target URL, or the external API's base URL.</summary>
    public required string Url { get; set; }

    /// <summary>A webhook's channel patterns (<c>agent:*</c>, <c>task:completed</c>, <c>workflow:{id}</c>); empty for http.</summary>
    public string[] Channels { get; set; } = [];

    public bool Active { get; set; } = true;

    /// <summary>A webhook's signing secret, Standard Webhooks form (<c>whsec_</c> + base64).</summary>
    [JsonIgnore]
    public string? Secret { get; set; }

    /// <summary>The header an external API authenticates with (e.g. Authorization); its value is secret.</summary>
    public string? AuthHeaderName { get; set; }

    [JsonIgnore]
    public string? AuthHeaderValue { get; set; }

    /// <summary>How long an external API's answers are cached; null or 0: not cached.</summary>
    public int? CacheTtlSeconds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }

    public string Key => Id.ToString();
}

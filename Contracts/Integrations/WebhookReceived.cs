using System.Text.Json;

namespace AgentLightning.Contracts.Integrations;

/// <summary>
/// A webhook call accepted by the Integration Hub. <see cref="DeliveryId"/> is chosen on receipt and
/// deduplicates redeliveries.
/// </summary>
public sealed record WebhookReceived
{
    public required Guid DeliveryId { get; init; }

    public required Guid IntegrationId { get; init; }

    public required string EventType { get; init; }

    public JsonElement? Payload { get; init; }

    public IReadOnlyDictionary<string, string> HttpHeaders { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset OccurredAt { get; init; }
}

using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.IntegrationHub.Endpoints.Deliveries;

/// <summary>A delivery with its attempts, oldest first; <see cref="Id"/> is the webhook-id the receiver saw.</summary>
internal sealed record DeliveryResponse(
    Guid Id, Guid IntegrationId, Guid EventId, string Channel, string Status, int AttemptCount, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, JsonElement Body, IReadOnlyList<AttemptResponse> Attempts)
{
    public static DeliveryResponse From(WebhookDelivery delivery) => new(
        delivery.Id, delivery.IntegrationId, delivery.EventId, delivery.Channel, delivery.Status, delivery.AttemptCount, delivery.CreatedAt,
        delivery.NextAttemptAt, delivery.DeliveredAt, JsonSerializer.Deserialize<JsonElement>(delivery.Body),
        [.. delivery.Attempts.OrderBy(a => a.Number).Select(AttemptResponse.From)]);
}

internal sealed record AttemptResponse(int Number, DateTimeOffset At, int? StatusCode, int DurationMs, bool Succeeded, string? Error, string? Response)
{
    public static AttemptResponse From(WebhookAttempt a) => new(a.Number, a.At, a.StatusCode, a.DurationMs, a.Succeeded, a.Error, a.Response);
}

/// <summary>One page of an integration's deliveries, newest first: count is this page's, next is null on the last.</summary>
internal sealed record DeliveryListResponse(Guid IntegrationId, IReadOnlyList<DeliveryResponse> Deliveries, int Count, string? Next);

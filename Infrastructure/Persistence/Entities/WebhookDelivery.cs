namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// One event for one webhook integration. <see cref="Id"/> is the <c>webhook-id</c> receivers de-duplicate with:
/// derived from the event's id and the integration's, so a redelivered event finds its delivery instead of making
/// a second one, and a replayed dead letter sends the same id again.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid IntegrationId { get; set; }

    public Guid EventId { get; set; }

    public required string Channel { get; set; }

    /// <summary>The <c>PlatformEvent</c> JSON, exactly the bytes that are signed and sent.</summary>
    public required string Body { get; set; }

    /// <summary><see cref="WebhookDeliveryStatuses"/>.</summary>
    public required string Status { get; set; }

    public int AttemptCount { get; set; }

    /// <summary>Attempts made before the current round of retries: 0, or the count when a replay started a new round.</summary>
    public int AttemptsBeforeRound { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public List<WebhookAttempt> Attempts { get; set; } = [];
}

public static class WebhookDeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Pending, Delivered, Failed];
}

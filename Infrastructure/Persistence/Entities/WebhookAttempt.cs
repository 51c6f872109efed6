namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>One POST of a delivery (or one refused without a call: open circuit, refused address).</summary>
public sealed class WebhookAttempt
{
    public const int MaxResponseLength = 1024;

    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    /// <summary>1 for the first attempt; a replay continues the count.</summary>
    public int Number { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The answer's status code; null when none came (timeout, refused, open circuit).</summary>
    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }

    public string? Error { get; set; }

    /// <summary>The first 1 KB of the answer's body.</summary>
    public string? Response { get; set; }

    public bool Succeeded { get; set; }
}

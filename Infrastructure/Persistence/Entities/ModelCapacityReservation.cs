namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>One answered ReserveModelCapacity (or an early ReleaseModelCapacity): kept, so a repeat gets the same answer.</summary>
public sealed class ModelCapacityReservation
{
    public const string Held = "held";
    public const string Released = "released";
    public const string Refused = "refused";

    public Guid ReservationId { get; set; }

    public required string Model { get; set; }

    public string Status { get; set; } = Held;

    public string? Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }
}

namespace AgentLightning.Contracts.Models;

/// <summary>No slot was free (or the model does not exist, or the reservation was released before it arrived).</summary>
public sealed record ModelCapacityReservationRefused
{
    public required Guid ReservationId { get; init; }

    public required string Model { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

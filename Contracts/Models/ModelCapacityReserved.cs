namespace AgentLightning.Contracts.Models;

public sealed record ModelCapacityReserved
{
    public required Guid ReservationId { get; init; }

    public required string Model { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

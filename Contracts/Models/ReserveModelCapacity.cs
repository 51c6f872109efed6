namespace AgentLightning.Contracts.Models;

/// <summary>
/// Asks for one of a model's concurrency slots, held until <see cref="ReleaseModelCapacity"/>: while held, the
/// model runs one task fewer at once. Answered with <see cref="ModelCapacityReserved"/> or
/// <see cref="ModelCapacityReservationRefused"/>; the same <see cref="ReservationId"/> always gets the same answer.
/// </summary>
public sealed record ReserveModelCapacity
{
    public required Guid ReservationId { get; init; }

    public required string Model { get; init; }
}

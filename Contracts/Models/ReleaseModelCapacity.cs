namespace AgentLightning.Contracts.Models;

/// <summary>Gives a reserved slot back; answered with <see cref="ModelCapacityReleased"/>, however often it is sent.</summary>
public sealed record ReleaseModelCapacity
{
    public required Guid ReservationId { get; init; }
}

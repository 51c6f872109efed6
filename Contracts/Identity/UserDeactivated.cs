namespace AgentLightning.Contracts.Identity;

public sealed record UserDeactivated
{
    public required Guid UserId { get; init; }

    public Guid? DeactivatedBy { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

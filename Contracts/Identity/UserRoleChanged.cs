namespace AgentLightning.Contracts.Identity;

public sealed record UserRoleChanged
{
    public required Guid UserId { get; init; }

    public required string PreviousRole { get; init; }

    public required string Role { get; init; }

    public Guid? ChangedBy { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

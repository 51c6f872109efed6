namespace AgentLightning.Contracts.Identity;

public sealed record UserRegistered
{
    public required Guid UserId { get; init; }

    public required string UserName { get; init; }

    public required string Email { get; init; }

    public required string Role { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

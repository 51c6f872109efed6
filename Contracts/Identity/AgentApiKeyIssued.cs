namespace AgentLightning.Contracts.Identity;

public sealed record AgentApiKeyIssued
{
    public required Guid KeyId { get; init; }

    public required string AgentId { get; init; }

    public required string Role { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

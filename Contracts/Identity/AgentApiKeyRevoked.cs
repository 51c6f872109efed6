namespace AgentLightning.Contracts.Identity;

public sealed record AgentApiKeyRevoked
{
    public required Guid KeyId { get; init; }

    public required string AgentId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

namespace AgentLightning.Contracts.Identity;

/// <summary>Revokes an agent's API key and erases its unclaimed secret; revoking a revoked key changes nothing.</summary>
public sealed record RevokeAgentApiKey
{
    public required Guid KeyId { get; init; }
}

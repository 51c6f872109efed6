namespace AgentLightning.Contracts.Identity;

/// <summary>
/// Issues an agent an API key under the id the caller chose (the same command again changes nothing). The secret
/// never travels in a message: Auth keeps it encrypted for one pickup by an admin
/// (<c>POST /auth/api-keys/{keyId}/secret</c>), then erases it. Answered with <see cref="AgentApiKeyIssued"/>, or
/// refused (CommandRejected) for a bad role or expiry or an id taken by another key.
/// </summary>
public sealed record IssueAgentApiKey
{
    public required Guid KeyId { get; init; }

    public required string AgentId { get; init; }

    public required string Role { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// One refresh token of a login's family (a login starts a family, each refresh adds its successor). Only
/// the SHA-256 of the token is kept; a token used twice revokes its whole family.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }

    public Guid FamilyId { get; set; }

    public Guid UserId { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was exchanged for its successor; a second exchange is a reuse.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

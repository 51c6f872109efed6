namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>A key for automation and service-to-service calls; only the hash of its secret is kept.</summary>
public sealed class ApiKey
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Role { get; set; }

    public required byte[] SecretHash { get; set; }

    public Guid? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The agent an agent key (IssueAgentApiKey) belongs to; null for a key an admin created.</summary>
    public string? AgentId { get; set; }

    /// <summary>
    /// An agent key's whole key, encrypted with ASP.NET Data Protection until an admin picks it up once; then null.
    /// </summary>
    public string? ProtectedSecret { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

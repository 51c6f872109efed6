namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>A person who logs in to the platform; owned by the Auth service.</summary>
public sealed class User
{
    public const int MaxUserNameLength = 64;

    public const int MaxEmailLength = 254;

    public Guid Id { get; set; }

    public required string UserName { get; set; }

    public required string Email { get; set; }

    public required string PasswordHash { get; set; }

    public required string Role { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Failed logins since the last success or lockout; kept in the database so every instance counts them.</summary>
    public int FailedLoginCount { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}

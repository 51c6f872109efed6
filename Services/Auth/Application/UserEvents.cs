using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Auth.Application;

/// <summary>The events of a user, built from its state after the change (so they carry the new version).</summary>
internal static class UserEvents
{
    public static UserRegistered Registered(User user) => new()
    {
        UserId = user.Id,
        UserName = user.UserName,
        Email = user.Email,
        Role = user.Role,
        Version = user.Version,
        OccurredAt = user.UpdatedAt,
    };

    public static UserRoleChanged RoleChanged(User user, string previousRole, Guid? by) => new()
    {
        UserId = user.Id,
        PreviousRole = previousRole,
        Role = user.Role,
        ChangedBy = by,
        Version = user.Version,
        OccurredAt = user.UpdatedAt,
    };

    public static UserDeactivated Deactivated(User user, Guid? by) => new()
    {
        UserId = user.Id,
        DeactivatedBy = by,
        Version = user.Version,
        OccurredAt = user.UpdatedAt,
    };
}

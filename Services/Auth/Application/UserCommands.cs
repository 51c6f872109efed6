using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Auth.Application;

/// <summary>
/// User management. Each change publishes its event through the caller's publish endpoint (the request's bus
/// outbox) before the one SaveChanges, so the change and its event commit together or not at all.
/// </summary>
internal sealed class UserCommands(AgentLightningDbContext db, Passwords passwords, Sessions sessions, TimeProvider clock)
{
    private const string EntityType = "user";

    public async Task<User> CreateAsync(string? userName, string? email, string? password, string? role, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = UserFields.UserName(userName),
            Email = UserFields.Email(email),
            PasswordHash = "",
            Role = UserFields.Role(role),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        Passwords.Validate(password, "password");
        user.PasswordHash = passwords.Hash(user, password!);
        db.Users.Add(user);
        await events.Publish(UserEvents.Registered(user), cancellationToken);
        await SaveAsync(user, cancellationToken);
        return user;
    }

    public Task<Page<User>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (page.AfterKey is { } after)
        {
            query = query.Where(u => string.Compare(u.UserName, after) > 0);
        }

        return query.OrderBy(u => u.UserName).ToPageAsync(page, u => [u.UserName], cancellationToken);
    }

    public async Task<User> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
        ?? throw new EntityNotFoundException(EntityType, id.ToString());

    /// <summary>The role the user already has changes nothing and publishes nothing.</summary>
    public async Task<User> ChangeRoleAsync(Guid id, string? role, Guid? by, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var newRole = UserFields.Role(role);
        var user = await LoadAsync(id, cancellationToken);
        if (user.Role == newRole)
        {
            return user;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefuseLosingTheLastAdminAsync(user, cancellationToken);
        var previous = user.Role;
        user.Role = newRole;
        Touch(user);
        await events.Publish(UserEvents.RoleChanged(user, previous, by), cancellationToken);
        await SaveAsync(user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>A deactivated user cannot log in, and its refresh tokens stop working at once.</summary>
    public async Task<User> DeactivateAsync(Guid id, Guid? by, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var user = await LoadAsync(id, cancellationToken);
        if (!user.Active)
        {
            return user;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefuseLosingTheLastAdminAsync(user, cancellationToken);
        user.Active = false;
        Touch(user);
        await events.Publish(UserEvents.Deactivated(user, by), cancellationToken);
        await SaveAsync(user, cancellationToken);
        await sessions.RevokeAllOfUserAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    public Task<bool> AnyActiveAdminAsync(CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Role == UserRoles.Admin && u.Active, cancellationToken);

    private async Task<User> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new EntityNotFoundException(EntityType, id.ToString());

    /// <summary>
    /// Without an active admin nobody could manage users or keys any more. Runs in the caller's transaction under the
    /// admin lock, so the other admins it counts cannot be removed by a concurrent change before this one commits.
    /// </summary>
    private async Task RefuseLosingTheLastAdminAsync(User user, CancellationToken cancellationToken)
    {
        if (user.Role != UserRoles.Admin || !user.Active)
        {
            return;
        }

        await AdminLock.TakeAsync(db, cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == UserRoles.Admin && u.Active, cancellationToken))
        {
            throw new DataConflictException(EntityType, user.Id.ToString(), "is the last active admin");
        }
    }

    private void Touch(User user)
    {
        user.UpdatedAt = clock.GetUtcNow();
        user.Version++;
    }

    private async Task SaveAsync(User user, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw PostgresErrors.Translate(e, EntityType, user.UserName);
        }
    }
}

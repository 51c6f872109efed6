using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Application;

/// <summary>API keys: created by an admin with a role and an expiry, the secret returned once, revocable.</summary>
internal sealed class ApiKeyCommands(AgentLightningDbContext db, IOptions<AuthServerOptions> options, TimeProvider clock)
{
    private const string EntityType = "api-key";

    public async Task<(ApiKey Key, string Secret)> CreateAsync(string? name, string? role, DateTimeOffset? expiresAt, Guid? by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expires = expiresAt ?? throw new ArgumentException("expiresAt is required.", "expiresAt");
        if (ExpiryProblem(expires, now, options.Value) is { } problem)
        {
            throw new ArgumentException(problem, "expiresAt");
        }

        var id = Guid.CreateVersion7();
        var (secret, hash) = ApiKeySecret.Create(id);
        var key = new ApiKey
        {
            Id = id,
            Name = UserFields.Required(name, "name", ApiKey.MaxNameLength),
            Role = UserFields.Role(role),
            SecretHash = hash,
            CreatedBy = by,
            CreatedAt = now,
            ExpiresAt = expires,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>Null when <paramref name="expires"/> is a valid expiry for a key created at <paramref name="now"/>.</summary>
    public static string? ExpiryProblem(DateTimeOffset expires, DateTimeOffset now, AuthServerOptions options) =>
        expires <= now || expires > now + options.MaxApiKeyLifetime
            ? $"expiresAt must be in the future and at most {options.MaxApiKeyLifetime.TotalDays:0.#} days away."
            : null;

    /// <summary>Newest first.</summary>
    public Task<Page<ApiKey>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.ApiKeys.AsNoTracking();
        if (page.AfterId is { } afterId)
        {
            query = query.Where(k => k.Id.CompareTo(afterId) < 0);
        }

        return query.OrderByDescending(k => k.Id).ToPageAsync(page, k => [k.Id.ToString()], cancellationToken);
    }

    /// <summary>Revoking a revoked key changes nothing; the next request with it is refused by every service.</summary>
    public async Task RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new EntityNotFoundException(EntityType, id.ToString());
        key.RevokedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
    }
}

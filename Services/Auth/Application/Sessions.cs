using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AgentLightning.Auth.Keys;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Application;

/// <summary>
/// A login's refresh tokens. Each refresh exchanges the token for a successor in the same family; a token
/// presented a second time (stolen, or replayed) revokes the whole family, so neither holder can go on.
/// </summary>
internal sealed class Sessions(AgentLightningDbContext db, AccessTokens accessTokens, IOptions<AuthServerOptions> options, TimeProvider clock)
{
    public Task<TokenResponse> StartAsync(User user, CancellationToken cancellationToken) =>
        IssueAsync(user, Guid.CreateVersion7(), cancellationToken);

    /// <summary>New tokens for a valid, unused refresh token; null (401) otherwise.</summary>
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = Hash(refreshToken);
        var current = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (current is null || current.RevokedAt is not null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Claimed by one statement, so of two concurrent uses exactly one wins and the other is a reuse.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == current.Id && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == current.UserId, cancellationToken);
        if (claimed == 0 || user is not { Active: true })
        {
            if (current.UsedAt is not null || claimed == 0 && current.ExpiresAt > now)
            {
                await RevokeFamilyAsync(current.FamilyId, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var tokens = await IssueAsync(user, current.FamilyId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }

    /// <summary>Logout: the token's whole family stops working. An unknown token changes nothing.</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(cancellationToken);
        if (family is { } id)
        {
            await RevokeFamilyAsync(id, clock.GetUtcNow(), cancellationToken);
        }
    }

    public Task RevokeAllOfUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private Task RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);

    private async Task<TokenResponse> IssueAsync(User user, Guid familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var refreshToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            FamilyId = familyId,
            UserId = user.Id,
            TokenHash = Hash(refreshToken),
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenResponse(accessTokens.Issue(user), refreshToken, (int)accessTokens.Lifetime.TotalSeconds);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

internal sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn);

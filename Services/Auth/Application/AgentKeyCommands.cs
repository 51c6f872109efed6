using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Application;

/// <summary>What an agent key command came to; <see cref="Reason"/> says why a refusal refused.</summary>
internal sealed record AgentKeyResult(CommandOutcome Outcome, string? Reason = null);

/// <summary>
/// Agents' API keys, issued and revoked by commands (agent provisioning). Secrets never travel in messages: the whole
/// key is kept encrypted with ASP.NET Data Protection (keys in the Auth key directory, shared by Auth's instances)
/// until an admin picks it up once; then, and on revocation, it is erased. Each change publishes its event before
/// the one SaveChanges, in the consumer's transaction.
/// </summary>
internal sealed class AgentKeyCommands(AgentLightningDbContext db, IOptions<AuthServerOptions> options, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string EntityType = "api-key";

    private readonly IDataProtector _protector = protection.CreateProtector("AgentLightning.Auth.AgentKeySecret");

    /// <summary>The same key id for the same agent again is done; for another agent it is refused.</summary>
    public async Task<AgentKeyResult> IssueAsync(IssueAgentApiKey command, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        if (await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == command.KeyId, cancellationToken) is { } existing)
        {
            return existing.AgentId == command.AgentId
                ? new(CommandOutcome.Unchanged)
                : new(CommandOutcome.Conflict, "the key id is taken by another key");
        }

        var now = clock.GetUtcNow();
        var problem = !UserRoles.All.Contains(command.Role)
            ? $"role must be one of {string.Join(", ", UserRoles.All)}"
            : ApiKeyCommands.ExpiryProblem(command.ExpiresAt, now, options.Value);
        if (problem is not null)
        {
            return new(CommandOutcome.Conflict, problem);
        }

        var (key, hash) = ApiKeySecret.Create(command.KeyId);
        db.ApiKeys.Add(new ApiKey
        {
            Id = command.KeyId,
            Name = $"agent {command.AgentId}",
            Role = command.Role,
            SecretHash = hash,
            CreatedAt = now,
            ExpiresAt = command.ExpiresAt.ToUniversalTime(),
            AgentId = command.AgentId,
            ProtectedSecret = _protector.Protect(key),
        });
        await events.Publish(new AgentApiKeyIssued
        {
            KeyId = command.KeyId, AgentId = command.AgentId, Role = command.Role, ExpiresAt = command.ExpiresAt, OccurredAt = now,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new(CommandOutcome.Applied);
    }

    /// <summary>Revoking a revoked key changes nothing; a key never issued is NotFound (the revoke may have overtaken it).</summary>
    public async Task<AgentKeyResult> RevokeAsync(Guid keyId, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return new(CommandOutcome.NotFound);
        }

        if (key.RevokedAt is not null)
        {
            return new(CommandOutcome.Unchanged);
        }

        var now = clock.GetUtcNow();
        key.RevokedAt = now;
        key.ProtectedSecret = null;
        await events.Publish(new AgentApiKeyRevoked { KeyId = keyId, AgentId = key.AgentId ?? "", OccurredAt = now }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new(CommandOutcome.Applied);
    }

    /// <summary>
    /// The whole key of an agent key, once: the conditional UPDATE that erases it lets one of two concurrent pickups
    /// win. 404 for an unknown key, 409 when it was picked up already, was revoked, or is not an agent key.
    /// </summary>
    public async Task<string> PickUpSecretAsync(Guid keyId, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken)
            ?? throw new EntityNotFoundException(EntityType, keyId.ToString());
        var secret = key.ProtectedSecret;
        var erased = secret is null ? 0 : await db.ApiKeys
            .Where(k => k.Id == keyId && k.ProtectedSecret == secret)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.ProtectedSecret, (string?)null), cancellationToken);
        return erased == 1
            ? _protector.Unprotect(secret!)
            : throw new DataConflictException(EntityType, keyId.ToString(), "its secret was picked up already, or it is revoked or not an agent's key");
    }
}

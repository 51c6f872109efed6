using AgentLightning.Contracts.Integrations;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>The Integration Hub's integrations; the secrets are read from PostgreSQL only (never cached).</summary>
public sealed class IntegrationRepository : CachedRepository<Integration, Guid>
{
    /// <summary>The kinds this hub serves; Contracts names more (slack, email) that it does not yet.</summary>
    public static readonly IReadOnlyList<string> Kinds = [IntegrationKinds.Webhook, IntegrationKinds.Http];

    internal IntegrationRepository(RepositoryServices services) : base(services)
    {
    }

    protected override string EventPrefix => "Integration";

    /// <summary>The active webhooks, from the cached list of all integrations (what every event is matched against).</summary>
    public async Task<IReadOnlyList<Integration>> ActiveWebhooksAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken)).Where(i => i.Active && i.Kind == IntegrationKinds.Webhook)];

    /// <summary>One page by id, from PostgreSQL, optionally of one kind and/or activity.</summary>
    public Task<Page<Integration>> PageAsync(string? kind, bool? active, PageRequest page, CancellationToken cancellationToken = default)
    {
        _ = page.Size; // a bad limit or cursor is a 400 before any read
        var after = page.AfterId;
        if (kind is not null && !Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'kind' must be one of {string.Join(", ", Kinds)}; got '{kind}'.", nameof(kind));
        }

        return ReadAsync(db =>
        {
            var query = after is { } a ? db.Integrations.FromSql($"SELECT * FROM integrations WHERE id > {a}") : db.Integrations;
            if (kind is not null)
            {
                query = query.Where(i => i.Kind == kind);
            }

            if (active is { } isActive)
            {
                query = query.Where(i => i.Active == isActive);
            }

            return query.AsNoTracking().OrderBy(i => i.Id).ToPageAsync(page, i => [i.Id.ToString()], cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The secrets of an integration, from PostgreSQL; null if it does not exist.</summary>
    public Task<IntegrationSecrets?> SecretsAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync(db => db.Integrations.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new IntegrationSecrets(i.Secret, i.AuthHeaderValue)).FirstOrDefaultAsync(cancellationToken), cancellationToken);

    protected override void Validate(Integration integration) => IntegrationRules.Validate(integration);

    protected override void Stamp(Integration integration, DateTimeOffset now, bool created)
    {
        if (created)
        {
            integration.CreatedAt = now;
        }

        integration.UpdatedAt = now;
    }

    protected override IQueryable<Integration> OrderForList(IQueryable<Integration> query) => query.OrderBy(i => i.Id);
}

/// <summary>A webhook's signing secret and an external API's auth header value.</summary>
public sealed record IntegrationSecrets(string? Secret, string? AuthHeaderValue);

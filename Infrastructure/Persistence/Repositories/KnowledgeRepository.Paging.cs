using System.Globalization;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed partial class KnowledgeRepository
{
    public const int MaxSearchLength = 500;

    /// <summary>One page of an agent's items, newest first, from PostgreSQL (so usage counts are current).</summary>
    public Task<Page<KnowledgeItem>> PageOfAgentAsync(string agentId, PageRequest page, CancellationToken cancellationToken = default)
    {
        _ = page.Size; // a bad limit or cursor is a 400 before any read
        var after = TimeCursor.After(page);
        return ReadAsync(db =>
        {
            var items = after is { } c
                ? db.Knowledge.FromSql($"SELECT * FROM knowledge WHERE created_at < {c.At} OR (created_at = {c.At} AND id > {c.Id})")
                : db.Knowledge;
            return items.AsNoTracking().Where(k => k.AgentId == agentId)
                .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
                .ToPageAsync(page, k => TimeCursor.Keys(k.CreatedAt, k.Id), cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Full-text search over an agent's items (websearch syntax: words, "phrases", -excluded, or), most relevant
    /// first. Every item on the page is a hit: its usage count and last-used time are bumped (see docs/agent-designer.md).
    /// </summary>
    public async Task<Page<KnowledgeHit>> SearchAsync(string agentId, string text, PageRequest page, CancellationToken cancellationToken = default)
    {
        var size = page.Size;
        AgentListFilter.Text(text, "q", MaxSearchLength);

        (float Rank, Guid Id)? after = page.AfterKeys is { } keys ? PageCursor.Parse<float, Guid>(keys) : null;
        var ranked = await ReadAsync(db => RankAsync(db, agentId, text, after, size + 1, cancellationToken), cancellationToken);
        var shown = ranked.Take(size).ToList();
        var items = await BumpAsync([.. shown.Select(h => h.Id)], cancellationToken);
        var hits = shown.Where(h => items.ContainsKey(h.Id)).Select(h => new KnowledgeHit(items[h.Id], h.Rank)).ToList();
        var next = ranked.Count > size ? PageCursor.Encode(shown[^1].Rank.ToString("R", CultureInfo.InvariantCulture), shown[^1].Id.ToString()) : null;
        return new Page<KnowledgeHit>(hits, next);
    }

    private static Task<List<RankedId>> RankAsync(
        AgentLightningDbContext db, string agentId, string text, (float Rank, Guid Id)? after, int take, CancellationToken cancellationToken)
    {
        var (rank, id) = after ?? (float.MaxValue, Guid.Empty);
        return db.Database.SqlQuery<RankedId>(
            $"""
            SELECT k.id, ts_rank(k.search_vector, q) AS rank
            FROM knowledge k, websearch_to_tsquery('english', {text}) q
            WHERE k.agent_id = {agentId} AND k.search_vector @@ q
              AND ({after == null} OR ts_rank(k.search_vector, q) < {rank} OR (ts_rank(k.search_vector, q) = {rank} AND k.id > {id}))
            ORDER BY rank DESC, k.id
            LIMIT {take}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Counts the use in place (one UPDATE, autocommit, not retried so a use counts at most once): not a change of
    /// the item's definition, so no new version, no event, no ETag change; returns the items as bumped.
    /// </summary>
    private async Task<Dictionary<Guid, KnowledgeItem>> BumpAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var now = _services.Clock.GetUtcNow();
        await using (var db = await _services.ReadContexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Knowledge.Where(k => ids.Contains(k.Id)).ExecuteUpdateAsync(
                set => set.SetProperty(k => k.UsageCount, k => k.UsageCount + 1).SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return await ReadAsync(db => db.Knowledge.AsNoTracking().Where(k => ids.Contains(k.Id)).ToDictionaryAsync(k => k.Id, cancellationToken), cancellationToken);
    }

    /// <summary>The usage of one item as PostgreSQL has it now, for reads served from the cache; null if it is gone.</summary>
    public Task<KnowledgeUsage?> UsageAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync(db => db.Knowledge.AsNoTracking().Where(k => k.Id == id)
            .Select(k => new KnowledgeUsage(k.UsageCount, k.LastUsedAt)).FirstOrDefaultAsync(cancellationToken), cancellationToken);

    private sealed record RankedId(Guid Id, float Rank);
}

/// <summary>How often an item was found by a search, and when last.</summary>
public sealed record KnowledgeUsage(int UsageCount, DateTimeOffset? LastUsedAt);

using System.Diagnostics;
using AgentLightning.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>A page's metrics at once, with the cache's protocol of a single read (never stale) but batched.</summary>
public sealed partial class AgentMetricsRepository
{
    private const string ReadManySql = """
        SELECT a.agent_id, coalesce(m.version, 0) AS version, m.tasks_completed, m.tasks_failed, m.last_active_at,
               (SELECT count(*)::int FROM agent_workflow_activity w WHERE NOT w.ended AND w.agent_ids @> ARRAY[a.agent_id]) AS running_workflows
        FROM unnest({0}::text[]) AS a(agent_id) LEFT JOIN agent_metrics m ON m.agent_id = a.agent_id
        """;

    /// <summary>
    /// One Redis round trip for the whole page when every entry is cached; otherwise one PostgreSQL statement for the
    /// rest (one snapshot) and one more round trip to fill the entries that were empty: never one per agent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, AgentMetricsReading>> GetManyAsync(
        IReadOnlyList<string> agentIds, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var lookups = await _services.Cache.ReadManyAsync<CachedAgentMetrics>(agentIds);
        var readings = new Dictionary<string, AgentMetricsReading>(agentIds.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        for (var i = 0; i < agentIds.Count; i++)
        {
            if (lookups[i] is { State: CacheLookupState.Hit, Value: { } cached })
            {
                readings[agentIds[i]] = cached.Reading;
            }
            else
            {
                missing.Add(agentIds[i]);
            }
        }

        if (missing.Count == 0)
        {
            CachedReads.Record<CachedAgentMetrics>(_services, "get-many", "cache", started);
            return readings;
        }

        var loaded = await LoadManyAsync(missing, cancellationToken);
        foreach (var metrics in loaded)
        {
            readings[metrics.AgentId] = metrics.Reading;
        }

        // Only slots that were empty (a slot marked by a writer is not) and only from a read quick enough that no
        // writer's mark can have expired meanwhile, as a single read fills.
        var empty = agentIds.Where((_, i) => lookups[i].State == CacheLookupState.Miss).ToHashSet(StringComparer.Ordinal);
        if (empty.Count > 0 && CachedReads.IsFreshEnough(_services, started))
        {
            var epoch = lookups.First(l => l.State == CacheLookupState.Miss).Epoch;
            await _services.Cache.FillManyAsync(epoch, [.. loaded.Where(m => empty.Contains(m.AgentId))]);
        }

        CachedReads.Record<CachedAgentMetrics>(_services, "get-many", "database", started);
        return readings;
    }

    private async Task<IReadOnlyList<CachedAgentMetrics>> LoadManyAsync(IReadOnlyList<string> agentIds, CancellationToken cancellationToken) =>
        await _services.Resilience.Postgres.ExecuteAsync(async ct =>
        {
            await using var db = await _services.ReadContexts.CreateDbContextAsync(ct);
            var rows = await db.Database.SqlQueryRaw<PageRow>(ReadManySql, new object[] { agentIds.ToArray() }).ToListAsync(ct);
            return (IReadOnlyList<CachedAgentMetrics>)[.. rows.Select(row =>
                new CachedAgentMetrics(row.AgentId, row.TasksCompleted ?? 0, row.TasksFailed ?? 0, row.LastActiveAt, row.RunningWorkflows)
                {
                    Version = row.Version,
                })];
        }, cancellationToken);

    private sealed record PageRow(string AgentId, long Version, long? TasksCompleted, long? TasksFailed, DateTimeOffset? LastActiveAt, int RunningWorkflows);
}

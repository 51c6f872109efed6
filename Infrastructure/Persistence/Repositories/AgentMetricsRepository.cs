using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>An agent's counts with the number of running workflow runs that name it (busy while there is one).</summary>
public sealed record AgentMetricsReading(long TasksCompleted, long TasksFailed, DateTimeOffset? LastActiveAt, int RunningWorkflows)
{
    public static AgentMetricsReading None { get; } = new(0, 0, null, 0);

    /// <summary>Completed over ended tasks; null before the first ends.</summary>
    public double? SuccessRate => TasksCompleted + TasksFailed == 0 ? null : (double)TasksCompleted / (TasksCompleted + TasksFailed);

    public bool Busy => RunningWorkflows > 0;
}

/// <summary>
/// Agent metrics kept from task and workflow events. Writes join the caller's transaction (a consumer's, with its
/// inbox row), so an event counts exactly when it is consumed; every write is an idempotent upsert that commutes
/// with the others, so order does not matter. Reads go through the cache like the aggregates' (never stale): every
/// change of an agent's metrics grows its version and marks its entry before the commit (see <see cref="CacheWrites"/>).
/// </summary>
public sealed partial class AgentMetricsRepository
{
    private const string ReadSql = """
        SELECT coalesce(m.version, 0) AS version, m.tasks_completed, m.tasks_failed, m.last_active_at,
               (SELECT count(*)::int FROM agent_workflow_activity w WHERE NOT w.ended AND w.agent_ids @> ARRAY[{0}]::text[]) AS running_workflows
        FROM (SELECT 1) AS one LEFT JOIN agent_metrics m ON m.agent_id = {0}
        """;

    private readonly RepositoryServices _services;

    internal AgentMetricsRepository(RepositoryServices services) => _services = services;

    /// <summary>Counts a task's end once per task; false when this task's end was already counted.</summary>
    public Task<bool> RecordTaskEndAsync(
        Guid taskId, string agentId, string outcome, DateTimeOffset occurredAt, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async db =>
        {
            var at = occurredAt.ToUniversalTime();
            var first = await db.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO agent_task_outcomes (task_id, agent_id, outcome, occurred_at) VALUES ({taskId}, {agentId}, {outcome}, {at}) ON CONFLICT (task_id) DO NOTHING",
                cancellationToken);
            if (first == 0)
            {
                return false;
            }

            var completed = outcome == AgentTaskOutcome.Completed ? 1 : 0;
            var failed = 1 - completed;
            await db.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO agent_metrics (agent_id, tasks_completed, tasks_failed, last_active_at, version) VALUES ({agentId}, {completed}, {failed}, {at}, 1)
                ON CONFLICT (agent_id) DO UPDATE SET
                    tasks_completed = agent_metrics.tasks_completed + excluded.tasks_completed,
                    tasks_failed = agent_metrics.tasks_failed + excluded.tasks_failed,
                    last_active_at = greatest(agent_metrics.last_active_at, excluded.last_active_at),
                    version = agent_metrics.version + 1
                """, cancellationToken);
            await ChangedAsync(agentId, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>The run's agents are busy until it ends; nothing when it has ended already (the end overtook the start) or started before.</summary>
    public Task WorkflowStartedAsync(Guid runId, IEnumerable<string> agentIds, CancellationToken cancellationToken = default)
    {
        var agents = agentIds.Distinct(StringComparer.Ordinal).ToArray();
        return InTransactionAsync(async db =>
        {
            var busy = await db.SqlQuery<string>(
                $"""
                WITH started AS (
                    INSERT INTO agent_workflow_activity (run_id, agent_ids, ended) VALUES ({runId}, {agents}, false)
                    ON CONFLICT (run_id) DO NOTHING RETURNING agent_ids)
                SELECT unnest(agent_ids) AS "Value" FROM started
                """).ToListAsync(cancellationToken);
            await ChangedAsync(busy, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Completed, failed or cancelled: the run's agents are no longer busy for it, even if its start comes later. An
    /// end again (a run that opened again to undo a late task, a re-publish) changes nothing, not even the end's time.
    /// </summary>
    public Task WorkflowEndedAsync(Guid runId, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        var at = endedAt.ToUniversalTime();
        return InTransactionAsync(async db =>
        {
            var idle = await db.SqlQuery<string>(
                $"""
                WITH ended AS (
                    INSERT INTO agent_workflow_activity (run_id, agent_ids, ended, ended_at) VALUES ({runId}, ARRAY[]::text[], true, {at})
                    ON CONFLICT (run_id) DO UPDATE SET ended = true, ended_at = excluded.ended_at WHERE NOT agent_workflow_activity.ended
                    RETURNING agent_ids)
                SELECT unnest(agent_ids) AS "Value" FROM ended
                """).ToListAsync(cancellationToken);
            await ChangedAsync(idle, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>The counts (zero before the first event) and the running runs naming the agent, from the cache when it can.</summary>
    public async Task<AgentMetricsReading> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var cached = await CachedReads.GetAsync(_services, agentId, ct => LoadAsync(agentId, ct), cancellationToken);
        return cached!.Reading;
    }

    /// <summary>One round trip, on a pooled context of its own: a consistent snapshot of the version and what it covers.</summary>
    private async Task<CachedAgentMetrics?> LoadAsync(string agentId, CancellationToken cancellationToken) =>
        await _services.Resilience.Postgres.ExecuteAsync(async ct =>
        {
            await using var db = await _services.ReadContexts.CreateDbContextAsync(ct);
            return await ReadAsync(db.Database, agentId, ct);
        }, cancellationToken);

    private static async Task<CachedAgentMetrics> ReadAsync(DatabaseFacade db, string agentId, CancellationToken cancellationToken)
    {
        var row = (await db.SqlQueryRaw<MetricsRow>(ReadSql, agentId).ToListAsync(cancellationToken))[0];
        return new CachedAgentMetrics(agentId, row.TasksCompleted ?? 0, row.TasksFailed ?? 0, row.LastActiveAt, row.RunningWorkflows)
        {
            Version = row.Version,
        };
    }

    /// <summary>Workflow events touch several agents: their rows are locked in one order, so two such events cannot deadlock.</summary>
    private async Task ChangedAsync(IEnumerable<string> agentIds, CancellationToken cancellationToken)
    {
        foreach (var agentId in agentIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await _services.Db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO agent_metrics (agent_id, tasks_completed, tasks_failed, version) VALUES ({agentId}, 0, 0, 1)
                ON CONFLICT (agent_id) DO UPDATE SET version = agent_metrics.version + 1
                """, cancellationToken);
            await ChangedAsync(agentId, cancellationToken);
        }
    }

    /// <summary>
    /// After this transaction changed the agent's row (which it now holds locked): marks the entry at the new version
    /// before the commit and shows what the transaction sees after it. A concurrent change waits for the lock, so its
    /// version is higher and its value includes this one.
    /// </summary>
    private async Task ChangedAsync(string agentId, CancellationToken cancellationToken)
    {
        var db = _services.Db;
        var current = await ReadAsync(db.Database, agentId, cancellationToken);
        var mark = await CacheWrites.MarkAsync<CachedAgentMetrics>(_services.Cache, db, agentId, current.Version);
        await CacheWrites.SavedAsync(_services.Cache, db, mark, agentId, current.Version, current);
    }

    /// <summary>
    /// The writes must commit with their marks, or with the generation bump when marking failed: without a caller's
    /// transaction they get one of their own.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(Func<DatabaseFacade, Task<T>> write, CancellationToken cancellationToken)
    {
        var db = _services.Db.Database;
        if (db.CurrentTransaction is not null)
        {
            return await write(db);
        }

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var result = await write(db);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private sealed record MetricsRow(long Version, long? TasksCompleted, long? TasksFailed, DateTimeOffset? LastActiveAt, int RunningWorkflows);
}

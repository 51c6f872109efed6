using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>An agent's counts with the number of running workflows that name it (busy while there is one).</summary>
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
/// with the others, so order does not matter. Reads go to PostgreSQL, never the cache: always current.
/// </summary>
public sealed class AgentMetricsRepository
{
    private readonly RepositoryServices _services;

    internal AgentMetricsRepository(RepositoryServices services) => _services = services;

    /// <summary>Counts a task's end once per task; false when this task's end was already counted.</summary>
    public async Task<bool> RecordTaskEndAsync(
        Guid taskId, string agentId, string outcome, DateTimeOffset occurredAt, CancellationToken cancellationToken = default)
    {
        var db = _services.Db.Database;
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
            INSERT INTO agent_metrics (agent_id, tasks_completed, tasks_failed, last_active_at) VALUES ({agentId}, {completed}, {failed}, {at})
            ON CONFLICT (agent_id) DO UPDATE SET
                tasks_completed = agent_metrics.tasks_completed + excluded.tasks_completed,
                tasks_failed = agent_metrics.tasks_failed + excluded.tasks_failed,
                last_active_at = greatest(agent_metrics.last_active_at, excluded.last_active_at)
            """, cancellationToken);
        return true;
    }

    /// <summary>Its agents are busy until it ends; nothing when it has ended already (the end overtook the start) or started before.</summary>
    public Task WorkflowStartedAsync(Guid workflowId, IEnumerable<string> agentIds, CancellationToken cancellationToken = default)
    {
        var agents = agentIds.Distinct(StringComparer.Ordinal).ToArray();
        return _services.Db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO agent_workflow_activity (workflow_id, agent_ids, ended) VALUES ({workflowId}, {agents}, false) ON CONFLICT (workflow_id) DO NOTHING",
            cancellationToken);
    }

    /// <summary>Completed, failed or cancelled: its agents are no longer busy for it, even if its start comes later.</summary>
    public Task WorkflowEndedAsync(Guid workflowId, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        var at = endedAt.ToUniversalTime();
        return _services.Db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO agent_workflow_activity (workflow_id, agent_ids, ended, ended_at) VALUES ({workflowId}, ARRAY[]::text[], true, {at})
            ON CONFLICT (workflow_id) DO UPDATE SET ended = true, ended_at = excluded.ended_at WHERE NOT agent_workflow_activity.ended
            """, cancellationToken);
    }

    /// <summary>One round trip: the counts (zero before the first event) and the running workflows naming the agent.</summary>
    public async Task<AgentMetricsReading> GetAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var rows = await _services.Resilience.Postgres.ExecuteAsync(async ct =>
        {
            await using var db = await _services.ReadContexts.CreateDbContextAsync(ct);
            return await db.Database.SqlQuery<MetricsRow>(
                $"""
                SELECT m.tasks_completed, m.tasks_failed, m.last_active_at,
                       (SELECT count(*)::int FROM agent_workflow_activity w WHERE NOT w.ended AND w.agent_ids @> ARRAY[{agentId}]::text[]) AS running_workflows
                FROM (SELECT 1) AS one LEFT JOIN agent_metrics m ON m.agent_id = {agentId}
                """).ToListAsync(ct);
        }, cancellationToken);
        var row = rows[0];
        return new AgentMetricsReading(row.TasksCompleted ?? 0, row.TasksFailed ?? 0, row.LastActiveAt, row.RunningWorkflows);
    }

    private sealed record MetricsRow(long? TasksCompleted, long? TasksFailed, DateTimeOffset? LastActiveAt, int RunningWorkflows);
}

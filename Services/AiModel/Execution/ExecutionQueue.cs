using AgentLightning.Contracts.Models;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AgentLightning.AiModel.Execution;

/// <summary>
/// The durable queue of accepted tasks (<c>model_executions</c>), shared by every instance. Statements that change
/// it run in the caller's transaction, so a claim, a finish or a cancel commits with the commands it sends.
/// Times are the database's clock, so instances with skewed clocks agree on leases.
/// </summary>
internal sealed class ExecutionQueue(NpgsqlDataSource dataSource)
{
    public static Task EnqueueAsync(AgentLightningDbContext db, ExecuteTask task, CancellationToken cancellationToken) =>
        ExecuteAsync(db, """
            INSERT INTO model_executions (task_id, model, agent_id, description, context, priority, status, attempts, enqueued_at)
            VALUES (@id, @model, @agent, @description, @context::jsonb, @priority, 'waiting', 0, now())
            ON CONFLICT (task_id) DO NOTHING
            """, cancellationToken,
            ("id", task.TaskId), ("model", task.Model), ("agent", task.AgentId), ("description", task.Description),
            ("context", (object?)task.Context?.GetRawText() ?? DBNull.Value), ("priority", task.Priority));

    /// <summary>
    /// Removes a cancelled task, waiting or running (its runner sees the row gone at its next renewal). A cancel
    /// that finds no row may have overtaken its ExecuteTask (another queue): it leaves a <c>cancelled</c> row that
    /// no claim takes and that makes the late ExecuteTask queue nothing; such rows go after a day.
    /// </summary>
    public static Task<int> CancelAsync(AgentLightningDbContext db, Guid taskId, string agentId, CancellationToken cancellationToken) =>
        ExecuteAsync(db, """
            WITH removed AS (
                DELETE FROM model_executions
                WHERE (task_id = @id AND status <> 'cancelled') OR (status = 'cancelled' AND enqueued_at < now() - interval '1 day')
                RETURNING task_id)
            INSERT INTO model_executions (task_id, model, agent_id, description, priority, status, attempts, enqueued_at)
            SELECT @id, '', @agent, '', 0, 'cancelled', 0, now() WHERE NOT EXISTS (SELECT 1 FROM removed WHERE task_id = @id)
            ON CONFLICT (task_id) DO NOTHING
            """, cancellationToken, ("id", taskId), ("agent", agentId));

    /// <summary>
    /// Serialises every decision about a model's slots (claims, reservations) across instances until the
    /// transaction ends; unrelated models do not wait for each other.
    /// </summary>
    public static Task LockModelAsync(AgentLightningDbContext db, string model, CancellationToken cancellationToken) =>
        ExecuteAsync(db, "SELECT pg_advisory_xact_lock(hashtextextended('ai-model:' || @model, 0))", cancellationToken, ("model", model));

    /// <summary>Slots in use: tasks running under a live lease, and held reservations. Call under <see cref="LockModelAsync"/>.</summary>
    public static async Task<int> UsedSlotsAsync(AgentLightningDbContext db, string model, CancellationToken cancellationToken)
    {
        await using var command = Command(db, """
            SELECT (SELECT count(*) FROM model_executions WHERE model = @model AND status = 'running' AND lease_until > now())
                 + (SELECT count(*) FROM model_capacity_reservations WHERE model = @model AND status = 'held')
            """, ("model", model));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> of the model's claimable rows (waiting, or running under an expired
    /// lease) by priority, then arrival, for <paramref name="owner"/>. Call under <see cref="LockModelAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ModelExecution>> ClaimAsync(
        AgentLightningDbContext db, string model, int limit, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = Command(db, """
            UPDATE model_executions e
            SET status = 'running', lease_owner = @owner, lease_until = now() + @lease, attempts = e.attempts + 1
            FROM (SELECT task_id FROM model_executions
                  WHERE model = @model AND (status = 'waiting' OR lease_until <= now())
                  ORDER BY priority DESC, sequence
                  LIMIT @limit
                  FOR UPDATE SKIP LOCKED) claimable
            WHERE e.task_id = claimable.task_id
            RETURNING e.task_id, e.model, e.agent_id, e.description, e.context::text, e.priority, e.sequence, e.attempts
            """, ("model", model), ("owner", owner), ("lease", lease), ("limit", limit));
        var claimed = new List<ModelExecution>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ModelExecution
            {
                TaskId = reader.GetGuid(0),
                Model = reader.GetString(1),
                AgentId = reader.GetString(2),
                Description = reader.GetString(3),
                Context = reader.IsDBNull(4) ? null : reader.GetString(4),
                Priority = reader.GetInt32(5),
                Sequence = reader.GetInt64(6),
                Attempts = reader.GetInt32(7),
                Status = ModelExecution.Running,
                LeaseOwner = owner,
            });
        }

        return [.. claimed.OrderByDescending(e => e.Priority).ThenBy(e => e.Sequence)];
    }

    /// <summary>Removes the claimable rows of a model that no longer exists and returns their task ids (to fail them).</summary>
    public static async Task<IReadOnlyList<Guid>> TakeOrphansAsync(AgentLightningDbContext db, string model, CancellationToken cancellationToken)
    {
        await using var command = Command(db, """
            DELETE FROM model_executions WHERE model = @model AND (status = 'waiting' OR lease_until <= now()) RETURNING task_id
            """, ("model", model));
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Removes tasks given up on (in the caller's transaction, with their FailTask).</summary>
    public static Task<int> DropAsync(AgentLightningDbContext db, IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken) =>
        ExecuteAsync(db, "DELETE FROM model_executions WHERE task_id = ANY(@ids)", cancellationToken, ("ids", taskIds.ToArray()));

    /// <summary>Removes a finished task if <paramref name="owner"/> still holds it: false when it was cancelled or taken over.</summary>
    public static async Task<bool> FinishAsync(AgentLightningDbContext db, Guid taskId, string owner, CancellationToken cancellationToken) =>
        await ExecuteAsync(db, "DELETE FROM model_executions WHERE task_id = @id AND lease_owner = @owner AND status = 'running'",
            cancellationToken, ("id", taskId), ("owner", owner)) == 1;

    /// <summary>True while <paramref name="owner"/> holds the task (locks its row until the transaction ends).</summary>
    public static async Task<bool> HoldsAsync(AgentLightningDbContext db, Guid taskId, string owner, CancellationToken cancellationToken)
    {
        await using var command = Command(db, "SELECT 1 FROM model_executions WHERE task_id = @id AND lease_owner = @owner AND status = 'running' FOR UPDATE",
            ("id", taskId), ("owner", owner));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Models with claimable rows.</summary>
    public async Task<IReadOnlyList<string>> ModelsWithWorkAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT DISTINCT model FROM model_executions WHERE status = 'waiting' OR lease_until <= now()");
        var models = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            models.Add(reader.GetString(0));
        }

        return models;
    }

    /// <summary>Extends the leases <paramref name="owner"/> still holds among <paramref name="taskIds"/> and returns those.</summary>
    public async Task<IReadOnlySet<Guid>> RenewAsync(string owner, IReadOnlyList<Guid> taskIds, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE model_executions SET lease_until = now() + @lease
            WHERE task_id = ANY(@ids) AND lease_owner = @owner AND status = 'running'
            RETURNING task_id
            """);
        Add(command, ("lease", lease), ("ids", taskIds.ToArray()), ("owner", owner));
        var held = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add(reader.GetGuid(0));
        }

        return held;
    }

    /// <summary>Gives tasks back to the queue at once (an instance stopping), instead of after their lease.</summary>
    public async Task ReturnAsync(string owner, IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE model_executions SET status = 'waiting', lease_owner = NULL, lease_until = NULL
            WHERE task_id = ANY(@ids) AND lease_owner = @owner AND status = 'running'
            """);
        Add(command, ("ids", taskIds.ToArray()), ("owner", owner));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(
        AgentLightningDbContext db, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(db, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(AgentLightningDbContext db, string sql, params (string Name, object Value)[] parameters)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The execution queue changes only inside a transaction of the caller's.");
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        Add(command, parameters);
        return command;
    }

    private static void Add(NpgsqlCommand command, params (string Name, object Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is TimeSpan span
                ? new NpgsqlParameter(name, NpgsqlDbType.Interval) { Value = span }
                : new NpgsqlParameter(name, value));
        }
    }
}

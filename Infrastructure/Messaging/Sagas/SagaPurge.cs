using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>One batch of the purge of one saga type. Column names follow SagaStateMap and the snake-case convention.</summary>
internal static class SagaPurge
{
    /// <summary>Finished before the cutoff, oldest first along the finished_at index; their transitions and conversation go with them.</summary>
    public static Task<int> FinishedAsync(NpgsqlConnection connection, string table, string sagaType, DateTime cutoff, int batch, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"""
            WITH purged AS (
                DELETE FROM {table} WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM {table} WHERE finished_at < $1 ORDER BY finished_at LIMIT $2))
                RETURNING correlation_id),
            history AS (
                DELETE FROM {SagaTransitionConfiguration.Table} t USING purged p WHERE t.saga_type = $3 AND t.correlation_id = p.correlation_id),
            conversation AS (
                DELETE FROM {SagaConversationConfiguration.Table} c USING purged p WHERE c.saga_type = $3 AND c.correlation_id = p.correlation_id)
            SELECT count(*)::int FROM purged
            """, cutoff, batch, sagaType, cancellationToken);

    /// <summary>
    /// The history of sagas no longer stored (a machine that asks SetCompletedWhenFinalized deletes its row when it
    /// finishes), once older than the cutoff. A saga still stored keeps all of its history, however old. Its conversation
    /// goes with the transitions of the same saga (every such saga moved at least once), older than the cutoff too: found
    /// along its (correlation_id, sequence) index, it needs no index of its own on time.
    /// </summary>
    public static Task<int> OrphanedHistoryAsync(NpgsqlConnection connection, string table, string sagaType, DateTime cutoff, int batch, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"""
            WITH purged AS (
                DELETE FROM {SagaTransitionConfiguration.Table} WHERE ctid = ANY(ARRAY(
                    SELECT t.ctid FROM {SagaTransitionConfiguration.Table} t
                    WHERE t.saga_type = $3 AND t.recorded_at < $1
                      AND NOT EXISTS (SELECT 1 FROM {table} s WHERE s.correlation_id = t.correlation_id)
                    ORDER BY t.recorded_at LIMIT $2))
                RETURNING correlation_id),
            conversation AS (
                DELETE FROM {SagaConversationConfiguration.Table} c USING (SELECT DISTINCT correlation_id FROM purged) p
                WHERE c.saga_type = $3 AND c.correlation_id = p.correlation_id AND c.received_at < $1)
            SELECT count(*)::int FROM purged
            """, cutoff, batch, sagaType, cancellationToken);

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, string sql, DateTime cutoff, int batch, string sagaType, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = cutoff });
        command.Parameters.Add(new() { Value = batch });
        command.Parameters.Add(new() { Value = sagaType });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

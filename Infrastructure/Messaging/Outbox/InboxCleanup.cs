using AgentLightning.Infrastructure.Persistence.Retention;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>One batch of the inbox clean-up.</summary>
internal static class InboxCleanup
{
    public const int BatchSize = 5_000;

    /// <summary>
    /// Walks the received_at index from the oldest row and stops after a batch, so a batch costs the same with
    /// millions of rows; the delete finds its rows by ctid. Rows of a message with a pending dead letter stay: a
    /// replay must still find that it took effect, however late it comes (the letters' message_id index keeps
    /// the check cheap).
    /// </summary>
    public const string DeleteBatchSql = """
        DELETE FROM inbox_state WHERE ctid = ANY(ARRAY(
            SELECT i.ctid FROM inbox_state i
            WHERE i.received_at < now() - $1 * (interval '1 millisecond')
              AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.message_id = i.message_id::text AND d.status = 'pending')
            ORDER BY i.received_at
            LIMIT $2))
        """;

    public static TablePurge Purge(TimeSpan window) => new("inbox_state", DeleteBatchSql, window);

    public static Task<int> DeleteBatchAsync(NpgsqlDataSource dataSource, TimeSpan window, CancellationToken cancellationToken) =>
        Purge(window).DeleteBatchAsync(dataSource, BatchSize, cancellationToken);
}

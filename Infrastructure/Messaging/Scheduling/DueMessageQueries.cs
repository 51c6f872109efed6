using AgentLightning.Infrastructure.Messaging.Outbox;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>The dispatcher's SQL, run inside one transaction per batch.</summary>
internal static class DueMessageQueries
{
    // SKIP LOCKED lets every instance claim a different batch; the locks last until the batch's transaction ends,
    // so a row is never sent by two instances at once (a crashed instance's rows unlock with its connection).
    public const string ClaimSql = """
        SELECT token_id, destination_address, message_id, correlation_id, message_type, content_type, body, headers,
               transport_properties, expires_at, due_at, created_at, attempts, first_failed_at
        FROM scheduled_messages
        WHERE due_at <= @now
        ORDER BY due_at
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    public static async Task<List<ScheduledMessageEntry>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTime now, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection, transaction);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ScheduledMessageEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ScheduledMessageEntry
            {
                TokenId = reader.GetGuid(0),
                DestinationAddress = new Uri(reader.GetString(1)),
                MessageId = reader.GetGuid(2),
                CorrelationId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
                MessageType = reader.GetString(4),
                ContentType = reader.GetString(5),
                Body = reader.GetFieldValue<byte[]>(6),
                Headers = reader.IsDBNull(7) ? null : reader.GetString(7),
                TransportProperties = reader.IsDBNull(8) ? null : reader.GetString(8),
                ExpiresAt = reader.IsDBNull(9) ? null : reader.GetDateTime(9),
                DueAt = reader.GetDateTime(10),
                CreatedAt = reader.GetDateTime(11),
                Attempts = reader.GetInt32(12),
                FirstFailedAt = reader.IsDBNull(13) ? null : reader.GetDateTime(13),
            });
        }

        return claimed;
    }

    public static async Task DeleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] tokenIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM scheduled_messages WHERE token_id = ANY(@token_ids)", connection, transaction);
        command.Parameters.AddWithValue("token_ids", tokenIds);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the pass's records (<see cref="OutboxAttempts"/>) of these rows, in its transaction.</summary>
    public static async Task ForgetAttemptsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] tokenIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(OutboxAttempts.DeleteSql, connection, transaction) { Parameters = { new() { Value = tokenIds } } };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task RecordFailuresAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] tokenIds, string[] errors, DateTime[] nextDue,
        DateTime failedAt, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE scheduled_messages AS s
            SET attempts = s.attempts + 1, last_error = f.error, due_at = f.due_at,
                first_failed_at = coalesce(s.first_failed_at, @failed_at)
            FROM unnest(@token_ids, @errors, @due_at) AS f(token_id, error, due_at)
            WHERE s.token_id = f.token_id
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("token_ids", tokenIds);
        command.Parameters.AddWithValue("errors", errors);
        command.Parameters.AddWithValue("due_at", nextDue);
        command.Parameters.AddWithValue("failed_at", failedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The next due time still in the future; overdue rows are either in this batch or locked by another instance.</summary>
    public static async Task<DateTime?> NextDueAsync(NpgsqlDataSource dataSource, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT min(due_at) FROM scheduled_messages WHERE due_at > @now");
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime due ? due : null;
    }
}

using Npgsql;
using NpgsqlTypes;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>Writes and cancels schedules with plain SQL; the table comes from the EF model's migration.</summary>
public sealed class ScheduledMessageStore(NpgsqlDataSource dataSource, DispatchSignal signal, SchedulerMetrics metrics)
{
    // A token scheduled again replaces its schedule, as rescheduling a saga timeout with the same token expects.
    private const string InsertSql = """
        INSERT INTO scheduled_messages (token_id, destination_address, message_id, correlation_id, message_type, content_type,
            body, headers, transport_properties, expires_at, due_at, created_at, attempts, last_error)
        VALUES (@token_id, @destination_address, @message_id, @correlation_id, @message_type, @content_type,
            @body, @headers, @transport_properties, @expires_at, @due_at, @created_at, 0, NULL)
        ON CONFLICT (token_id) DO UPDATE SET destination_address = excluded.destination_address, message_id = excluded.message_id,
            correlation_id = excluded.correlation_id, message_type = excluded.message_type, content_type = excluded.content_type,
            body = excluded.body, headers = excluded.headers, transport_properties = excluded.transport_properties,
            expires_at = excluded.expires_at, due_at = excluded.due_at, created_at = excluded.created_at, attempts = 0, last_error = NULL
        """;

    public async Task AddAsync(ScheduledMessageEntry entry, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(InsertSql);
        var p = command.Parameters;
        p.AddWithValue("token_id", entry.TokenId);
        p.AddWithValue("destination_address", entry.DestinationAddress.ToString());
        p.AddWithValue("message_id", entry.MessageId);
        p.AddWithValue("correlation_id", NpgsqlDbType.Uuid, (object?)entry.CorrelationId ?? DBNull.Value);
        p.AddWithValue("message_type", entry.MessageType);
        p.AddWithValue("content_type", entry.ContentType);
        p.AddWithValue("body", entry.Body);
        p.AddWithValue("headers", NpgsqlDbType.Jsonb, (object?)entry.Headers ?? DBNull.Value);
        p.AddWithValue("transport_properties", NpgsqlDbType.Jsonb, (object?)entry.TransportProperties ?? DBNull.Value);
        p.AddWithValue("expires_at", NpgsqlDbType.TimestampTz, (object?)entry.ExpiresAt ?? DBNull.Value);
        p.AddWithValue("due_at", entry.DueAt);
        p.AddWithValue("created_at", entry.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);

        metrics.RecordScheduled();
        signal.Scheduled(entry.DueAt);
    }

    /// <summary>
    /// Removes the schedule. A row being sent right now is locked by the dispatcher: the delete waits for that
    /// transaction and then finds nothing, so a cancel that races the due time may lose.
    /// </summary>
    public async Task<bool> CancelAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM scheduled_messages WHERE token_id = @token_id");
        command.Parameters.AddWithValue("token_id", tokenId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Writing and cancelling a schedule, as batch commands: run on a connection of its own by the store, or in a unit of
/// work's transaction on its DbContext's connection, all of a save's in one round trip.
/// </summary>
internal static class ScheduledMessageSql
{
    // A token scheduled again replaces its schedule, as rescheduling a saga timeout with the same token expects.
    private const string UpsertSql = """
        INSERT INTO scheduled_messages (token_id, destination_address, message_id, correlation_id, message_type, content_type,
            body, headers, transport_properties, expires_at, due_at, created_at, attempts, last_error)
        VALUES (@token_id, @destination_address, @message_id, @correlation_id, @message_type, @content_type,
            @body, @headers, @transport_properties, @expires_at, @due_at, @created_at, 0, NULL)
        ON CONFLICT (token_id) DO UPDATE SET destination_address = excluded.destination_address, message_id = excluded.message_id,
            correlation_id = excluded.correlation_id, message_type = excluded.message_type, content_type = excluded.content_type,
            body = excluded.body, headers = excluded.headers, transport_properties = excluded.transport_properties,
            expires_at = excluded.expires_at, due_at = excluded.due_at, created_at = excluded.created_at, attempts = 0, last_error = NULL
        """;

    /// <summary>
    /// A row being sent right now is locked by the dispatcher: the delete waits for that transaction and then finds
    /// nothing, so a cancel that races the due time may lose.
    /// </summary>
    private const string DeleteSql = "DELETE FROM scheduled_messages WHERE token_id = @token_id";

    public static NpgsqlBatchCommand Upsert(ScheduledMessageEntry entry) => Command(UpsertSql,
    [
        new("token_id", entry.TokenId),
        new("destination_address", entry.DestinationAddress.ToString()),
        new("message_id", entry.MessageId),
        new("correlation_id", NpgsqlDbType.Uuid) { Value = (object?)entry.CorrelationId ?? DBNull.Value },
        new("message_type", entry.MessageType),
        new("content_type", entry.ContentType),
        new("body", entry.Body),
        new("headers", NpgsqlDbType.Jsonb) { Value = (object?)entry.Headers ?? DBNull.Value },
        new("transport_properties", NpgsqlDbType.Jsonb) { Value = (object?)entry.TransportProperties ?? DBNull.Value },
        new("expires_at", NpgsqlDbType.TimestampTz) { Value = (object?)entry.ExpiresAt ?? DBNull.Value },
        new("due_at", entry.DueAt),
        new("created_at", entry.CreatedAt),
    ]);

    public static NpgsqlBatchCommand Delete(Guid tokenId) => Command(DeleteSql, [new("token_id", tokenId)]);

    /// <summary>In the DbContext's open transaction, on its connection.</summary>
    public static async Task ExecuteAsync(DbContext db, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        await ExecuteAsync(batch, commands, cancellationToken);
    }

    public static async Task ExecuteAsync(NpgsqlBatch batch, IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}

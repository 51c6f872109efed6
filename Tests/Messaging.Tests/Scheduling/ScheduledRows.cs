using Npgsql;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed record ScheduledRow(Guid TokenId, Guid MessageId, DateTime DueAt, int Attempts, string? LastError, int? RedeliveryCount);

/// <summary>Reads and edits <c>scheduled_messages</c> directly, as an operator would.</summary>
internal sealed class ScheduledRows(string connectionString)
{
    public Task<IReadOnlyList<ScheduledRow>> ForMessageAsync(Guid messageId) =>
        QueryAsync("WHERE message_id = @id", messageId);

    public async Task<ScheduledRow?> ForTokenAsync(Guid tokenId) =>
        (await QueryAsync("WHERE token_id = @id", tokenId)).SingleOrDefault();

    public Task<long> CountAsync() => ScalarAsync("SELECT count(*) FROM scheduled_messages");

    /// <summary>Records of dispatch passes (and outbox rounds) not settled yet.</summary>
    public Task<long> AttemptRecordsAsync() => ScalarAsync("SELECT count(*) FROM outbox_attempts");

    /// <summary>Scheduled <see cref="ScheduledPing"/>s carrying <paramref name="id"/> (found in their serialized body).</summary>
    public async Task<long> PingsForAsync(Guid id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM scheduled_messages WHERE message_type LIKE '%:ScheduledPing%' AND position(convert_to(@id, 'UTF8') IN body) > 0",
            connection);
        command.Parameters.AddWithValue("id", id.ToString("D"));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task<long> TotalAttemptsAsync() => ScalarAsync("SELECT coalesce(sum(attempts), 0) FROM scheduled_messages");

    public async Task<int> ExecuteAsync(string sql, Guid? id = null)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value)
        {
            command.Parameters.AddWithValue("id", value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    private async Task<IReadOnlyList<ScheduledRow>> QueryAsync(string where, Guid id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT token_id, message_id, due_at, attempts, last_error, (headers->>'MT-Redelivery-Count')::int FROM scheduled_messages {where}", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ScheduledRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new ScheduledRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetDateTime(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5)));
        }

        return rows;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

using AgentLightning.Testing;
using Npgsql;

namespace AgentLightning.Sagas.Tests;

/// <summary>A saga's row locked FOR UPDATE by a transaction of the spec's own, as a pessimistic event holds it, until disposed.</summary>
public sealed class RowLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private RowLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<RowLock> TakeAsync(ScratchDatabase database, Guid id)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM test_orders WHERE correlation_id = '{id}' FOR UPDATE", connection, transaction))
        {
            await lockRow.ExecuteScalarAsync();
        }

        return new RowLock(connection, transaction);
    }

    /// <summary>Sessions of the database waiting for a lock: events queued behind this one.</summary>
    public static Task<long> WaitersAsync(ScratchDatabase database) => database.ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");

    /// <summary>Rolls back: the row is as it was, and the next waiter takes it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

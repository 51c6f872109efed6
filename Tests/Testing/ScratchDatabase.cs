using Npgsql;

namespace AgentLightning.Testing;

/// <summary>A database of its own for one fixture on the real PostgreSQL server, dropped afterwards.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private ScratchDatabase(string name) => Name = name;

    public string Name { get; }

    public string ConnectionString => TestServers.PostgresDatabase(Name);

    public static async Task<ScratchDatabase> CreateAsync()
    {
        var database = new ScratchDatabase($"al_test_{Guid.NewGuid():N}");
        await ExecuteOnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    /// <summary>Reads the database directly, past every cache and repository.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // Test set-ups may load a large backlog; on a busy CI machine that outlasts Npgsql's 30 s default.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Changes the database behind the platform's back.</summary>
    public Task ExecuteAsync(string sql) => ScalarAsync<object?>(sql);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                // FORCE may not terminate an autovacuum worker (a superuser's process) that is busy in the
                // database; it finishes or gives way within moments.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

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
        await ExecuteAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

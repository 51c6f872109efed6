using AgentLightning.Infrastructure.Resilience;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>
/// Applies pending migrations once, whichever service gets there first: a PostgreSQL advisory lock makes
/// nine services starting together take turns, and the later ones find nothing left to do.
/// </summary>
public sealed partial class DatabaseMigrator(
    NpgsqlDataSource dataSource, IDbContextFactory<AgentLightningDbContext> contexts, DataResilience resilience,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>Arbitrary, fixed: "ALMG" — Agent Lightning migrations.</summary>
    private const long AdvisoryLockKey = 0x414C4D47;

    /// <summary>
    /// How long a service waits for its turn: the services before it each build the model and check the history,
    /// seconds apiece on a loaded machine, which Npgsql's default 30 s command timeout did not always cover.
    /// </summary>
    private const int LockWaitSeconds = 300;

    private const string CreateHistoryTable = $"""
        CREATE TABLE IF NOT EXISTS {NpgsqlModelOptions.MigrationsHistoryTable} (
            migration_id character varying(150) NOT NULL PRIMARY KEY,
            product_version character varying(32) NOT NULL)
        """;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await resilience.Postgres.ExecuteAsync(
            async ct => await dataSource.OpenConnectionAsync(ct), cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        try
        {
            // EF reads the history table before creating it and logs that failure as an error on every new
            // database; the table EF would create, created first, keeps the logs honest.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(CreateHistoryTable, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
            LogMigrated(logger, applied.Count, applied.LastOrDefault() ?? "none");
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = LockWaitSeconds };
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Database schema at migration {Latest} ({Count} applied)")]
    private static partial void LogMigrated(ILogger logger, int count, string latest);
}

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

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await resilience.Postgres.ExecuteAsync(
            async ct => await dataSource.OpenConnectionAsync(ct), cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogApplying(logger, pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Applying {Count} migration(s): {Migrations}")]
    private static partial void LogApplying(ILogger logger, int count, string migrations);
}

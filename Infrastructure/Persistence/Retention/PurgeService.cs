using AgentLightning.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence.Retention;

/// <summary>
/// Runs table purges every <see cref="Interval"/>. Every instance of every service runs one, but a pass first takes a
/// PostgreSQL advisory lock named after the service's purge (held by a connection of its own, so it goes with the
/// connection if the instance dies): one instance purges, the others skip that pass. PostgreSQL away: the loop
/// backs off (<see cref="OutageBackoff"/>) and tries again.
/// </summary>
internal abstract partial class PurgeService(NpgsqlDataSource dataSource, ILogger logger, TimeProvider? clock = null) : BackgroundService
{
    /// <summary>What paces the loop (a test's own, or the system's).</summary>
    protected TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The loop's name in logs, and the advisory lock's key.</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract int BatchSize { get; }

    /// <summary>False: nothing to purge in this service, the loop does not run.</summary>
    protected virtual bool HasWork => true;

    protected virtual IEnumerable<TablePurge> Purges() => [];

    /// <summary>The pass, under the lock held by <paramref name="connection"/>: each of <see cref="Purges"/> to its end.</summary>
    protected virtual async Task PurgeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var purge in Purges())
        {
            var deleted = await purge.DeleteAllAsync(dataSource, BatchSize, cancellationToken);
            if (deleted > 0)
            {
                LogPurged(logger, Name, deleted, purge.Table, purge.Window);
            }
        }
    }

    /// <summary>One pass: false when another instance holds the lock (and purges).</summary>
    internal async Task<bool> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@name, 0))", connection);
        tryLock.Parameters.AddWithValue("name", "al:purge:" + Name);
        if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return false;
        }

        try
        {
            await PurgeAsync(connection, cancellationToken);
        }
        finally
        {
            // A pooled connection keeps its session (and the lock) until reused: unlock explicitly.
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@name, 0))", connection);
            unlock.Parameters.AddWithValue("name", "al:purge:" + Name);
            await unlock.ExecuteScalarAsync(CancellationToken.None);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!HasWork)
        {
            return;
        }

        var outage = new OutageBackoff(Name, Interval, TimeSpan.FromMinutes(10), logger);
        using var timer = new PeriodicTimer(Interval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PurgeOnceAsync(stoppingToken);
                    outage.Succeeded();
                }
                catch (NpgsqlException e)
                {
                    await Task.Delay(outage.Failed(e), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Information, "{Loop}: deleted {Rows} rows of {Table} older than {Window}")]
    private static partial void LogPurged(ILogger logger, string loop, long rows, string table, TimeSpan window);
}

using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// Deletes finished sagas older than the retention, in batches, for every saga type on PostgresRepository. An
/// advisory lock held by the pass's connection lets one instance purge at a time; the others skip the pass, and a
/// purger that dies releases it with its connection.
/// </summary>
internal sealed class SagaPurgeService(
    NpgsqlDataSource dataSource, IDbContextFactory<AgentLightningDbContext> contexts, IEnumerable<SagaPurgeTarget> targets,
    IOptions<SagaRetentionOptions> options, TimeProvider clock, ILogger<SagaPurgeService> logger) : BackgroundService
{
    /// <summary>Arbitrary, fixed: "ALSP" — Agent Lightning saga purge.</summary>
    private const long AdvisoryLockKey = 0x414C5350;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every service has the purge; only one with sagas on PostgresRepository has anything to purge.
        if (!targets.Any())
        {
            return;
        }

        var settings = options.Value;
        var outage = new OutageBackoff("Saga purge", settings.PurgeInterval, TimeSpan.FromMinutes(10), logger);
        using var timer = new PeriodicTimer(settings.PurgeInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await PurgeAsync(settings, stoppingToken);
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

    private async Task PurgeAsync(SagaRetentionOptions settings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLockKey})", connection))
        {
            if (!(bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var cutoff = clock.GetUtcNow().UtcDateTime - settings.Retention;
            foreach (var target in targets)
            {
                var table = target.Table(db);
                while (await SagaPurge.FinishedAsync(connection, table, target.SagaType, cutoff, settings.PurgeBatchSize, cancellationToken) == settings.PurgeBatchSize)
                {
                }

                while (await SagaPurge.OrphanedHistoryAsync(connection, table, target.SagaType, cutoff, settings.PurgeBatchSize, cancellationToken) == settings.PurgeBatchSize)
                {
                }
            }
        }
        finally
        {
            // A pooled connection keeps its session (and the lock) until reused: unlock explicitly.
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}

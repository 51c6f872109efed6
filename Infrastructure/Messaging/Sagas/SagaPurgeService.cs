using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// Deletes finished sagas older than the retention, in batches, for every saga type on PostgresRepository: the
/// purge loop of every service (<see cref="PurgeService"/>: one instance at a time under an advisory lock).
/// </summary>
internal sealed class SagaPurgeService(
    NpgsqlDataSource dataSource, IDbContextFactory<AgentLightningDbContext> contexts, IEnumerable<SagaPurgeTarget> targets,
    IOptions<SagaRetentionOptions> options, TimeProvider clock, ILogger<SagaPurgeService> logger) : PurgeService(dataSource, logger, clock)
{
    private readonly SagaRetentionOptions _settings = options.Value;

    protected override string Name => "Saga purge";

    protected override TimeSpan Interval => _settings.PurgeInterval;

    protected override int BatchSize => _settings.PurgeBatchSize;

    /// <summary>Every service has the purge; only one with sagas on PostgresRepository has anything to purge.</summary>
    protected override bool HasWork => targets.Any();

    protected override async Task PurgeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cutoff = Clock.GetUtcNow().UtcDateTime - _settings.Retention;
        foreach (var target in targets)
        {
            var table = target.Table(db);
            while (await SagaPurge.FinishedAsync(connection, table, target.SagaType, cutoff, BatchSize, cancellationToken) == BatchSize)
            {
            }

            while (await SagaPurge.OrphanedHistoryAsync(connection, table, target.SagaType, cutoff, BatchSize, cancellationToken) == BatchSize)
            {
            }
        }
    }
}

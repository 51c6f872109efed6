using AgentLightning.Infrastructure.Persistence.Retention;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>Forgets inbox rows older than the duplicate-detection window, in bounded batches (<see cref="InboxCleanup"/>).</summary>
internal sealed class InboxCleanupService(NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, ILogger<InboxCleanupService> logger)
    : PurgeService(dataSource, logger)
{
    protected override string Name => "Inbox cleanup";

    protected override TimeSpan Interval => options.Value.InboxCleanupInterval;

    protected override int BatchSize => InboxCleanup.BatchSize;

    protected override IEnumerable<TablePurge> Purges() => [InboxCleanup.Purge(options.Value.DuplicateDetectionWindow)];
}

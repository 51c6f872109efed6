using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Forgets inbox rows older than the duplicate-detection window, in small batches so no delete holds locks
/// for long. Every instance may run it; the deletes do not conflict.
/// </summary>
internal sealed class InboxCleanupService(
    NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, ILogger<InboxCleanupService> logger) : BackgroundService
{
    private const int BatchSize = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var outage = new OutageBackoff("Inbox cleanup", settings.InboxCleanupInterval, TimeSpan.FromMinutes(10), logger);
        using var timer = new PeriodicTimer(settings.InboxCleanupInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    while (await DeleteBatchAsync(settings.DuplicateDetectionWindow, stoppingToken) == BatchSize)
                    {
                    }

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

    private async Task<int> DeleteBatchAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM inbox_state WHERE ctid IN (
                SELECT ctid FROM inbox_state WHERE received_at < now() - $1 * (interval '1 millisecond') LIMIT $2)
            """);
        command.Parameters.Add(new() { Value = window.TotalMilliseconds });
        command.Parameters.Add(new() { Value = BatchSize });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

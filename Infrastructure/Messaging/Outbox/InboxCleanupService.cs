using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Forgets inbox rows older than the duplicate-detection window, in bounded batches (<see cref="InboxCleanup"/>) so
/// no delete holds locks for long. Every instance may run it; the deletes do not conflict.
/// </summary>
internal sealed class InboxCleanupService(
    NpgsqlDataSource dataSource, IOptions<OutboxOptions> options, ILogger<InboxCleanupService> logger) : BackgroundService
{
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
                    while (await InboxCleanup.DeleteBatchAsync(dataSource, settings.DuplicateDetectionWindow, stoppingToken) == InboxCleanup.BatchSize)
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
}

using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Sends scheduled messages when they are due. Every instance runs one; they share the rows through
/// FOR UPDATE SKIP LOCKED. Sleeps until the earliest due time, a local schedule that is sooner, or the poll
/// interval; a full batch is followed at once by the next.
/// </summary>
internal sealed partial class ScheduledMessageDispatcher(
    DispatchPass pass, DispatchSignal signal, NpgsqlDataSource dataSource, IBusControl bus, IOptions<SchedulerOptions> options,
    TimeProvider clock, ILogger<ScheduledMessageDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var outage = new DispatcherOutage(logger, settings.PollInterval, settings.MaxBackoff);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                DateTime wakeAt;
                TimeSpan wait;
                try
                {
                    (wakeAt, wait) = await DispatchAsync(outage, settings, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // PostgreSQL unreachable, or the claim failed.
                    (wakeAt, wait) = (DateTime.MinValue, outage.Failed(OutageCause.Database, exception));
                }

                if (wait > TimeSpan.Zero)
                {
                    await signal.WaitAsync(wakeAt, wait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>One pass; returns when to look again. A wake-up time of MinValue means "backing off": no early wake-ups.</summary>
    private async Task<(DateTime WakeAt, TimeSpan Wait)> DispatchAsync(DispatcherOutage outage, SchedulerOptions settings, CancellationToken stoppingToken)
    {
        // While failing, one row per try: no burst of failed sends (each also logged by MassTransit) every backoff.
        var probing = outage.IsOngoing;
        var limit = probing ? 1 : settings.BatchSize;
        // Rows that fall due while the pass runs are after this time, so the next-due look-up below still finds them.
        var passStarted = clock.GetUtcNow().UtcDateTime;
        var result = await pass.RunAsync(limit, stoppingToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // A row given up on counts as settled: it is given up on only while the bus has the broker. So does a refusal:
        // the broker answered (a destination not declared yet), and other due rows must not wait behind it.
        var settled = result.Sent + result.DeadLettered + result.Refused;
        if (result.Claimed > 0 && settled == 0 && (probing || result.Claimed > 1 || BrokerUnreachable()))
        {
            // Different messages failed together, the probe failed, or the bus has lost the broker: not the messages' fault.
            return (DateTime.MinValue, outage.Failed(OutageCause.Broker, result.FirstFailure!));
        }

        if (probing && settled == 0 && outage.Cause == OutageCause.Broker)
        {
            // Nothing was due, so nothing showed whether the broker is back.
            return (DateTime.MinValue, outage.Delay);
        }

        outage.Succeeded();
        if (result.NewFailures > 0)
        {
            // Once per row, on its first failure: a row that keeps failing shows in last_error, not in the log.
            LogSomeFailed(logger, result.NewFailures, result.Claimed, result.FirstFailure!.Message);
        }

        if (result.Claimed == limit)
        {
            return (now, TimeSpan.Zero);
        }

        var poll = now + settings.PollInterval;
        var nextDue = await DueMessageQueries.NextDueAsync(dataSource, passStarted, stoppingToken);
        var wakeAt = nextDue is { } due && due < poll ? due : poll;
        return (wakeAt, wakeAt > now ? wakeAt - now : TimeSpan.Zero);
    }

    /// <summary>
    /// While its connection is down the bus reports its endpoints reconnecting (Degraded, not Healthy): a lone
    /// message failing then is an outage; with a healthy bus, it is that message's own problem.
    /// </summary>
    private bool BrokerUnreachable() => bus.CheckHealth().Status != BusHealthStatus.Healthy;

    [LoggerMessage(LogLevel.Warning, "{Failed} of {Claimed} due messages failed to send for the first time and will be retried with backoff: {Reason}")]
    private static partial void LogSomeFailed(ILogger logger, int failed, int claimed, string reason);
}

using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

internal enum OutageCause
{
    Database,
    Broker,
}

/// <summary>
/// Backoff and logging while PostgreSQL or RabbitMQ is unreachable: one warning when an outage starts, one
/// information line when it ends, and waits doubling from the poll interval up to the cap in between.
/// </summary>
internal sealed partial class DispatcherOutage(ILogger logger, TimeSpan firstDelay, TimeSpan maxDelay)
{
    private DateTime? _since;

    public bool IsOngoing => _since is not null;

    public OutageCause? Cause { get; private set; }

    public TimeSpan Delay { get; private set; }

    public TimeSpan Failed(OutageCause cause, Exception exception, DateTime now)
    {
        Cause = cause;
        if (_since is null)
        {
            _since = now;
            Delay = firstDelay;
            LogOutage(logger, cause, exception.Message, exception);
        }
        else
        {
            Delay = TimeSpan.FromTicks(Math.Min(Delay.Ticks * 2, maxDelay.Ticks));
            LogStillFailing(logger, cause, Delay, exception.Message);
        }

        return Delay;
    }

    public void Succeeded(DateTime now)
    {
        if (_since is { } since)
        {
            _since = null;
            Cause = null;
            LogRecovered(logger, now - since);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Scheduled messages cannot be dispatched ({Cause}: {Reason}); retrying with backoff, no further warnings until it recovers")]
    private static partial void LogOutage(ILogger logger, OutageCause cause, string reason, Exception exception);

    [LoggerMessage(LogLevel.Debug, "Scheduled messages still cannot be dispatched ({Cause}), next try in {Delay}: {Reason}")]
    private static partial void LogStillFailing(ILogger logger, OutageCause cause, TimeSpan delay, string reason);

    [LoggerMessage(LogLevel.Information, "Scheduled message dispatch recovered after {Duration}")]
    private static partial void LogRecovered(ILogger logger, TimeSpan duration);
}

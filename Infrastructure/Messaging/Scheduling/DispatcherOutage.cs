using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

internal enum OutageCause
{
    Database,
    Broker,
}

/// <summary>
/// The platform's <see cref="OutageBackoff"/> (one warning when an outage begins, one line when it ends, waits
/// doubling up to a ceiling) plus what the dispatcher needs on top: what is down, since a broker outage is
/// probed one message at a time, and the current wait.
/// </summary>
internal sealed partial class DispatcherOutage(ILogger logger, TimeSpan firstDelay, TimeSpan maxDelay)
{
    private readonly OutageBackoff _backoff = new("Scheduled message dispatch", firstDelay, maxDelay, logger);

    public OutageCause? Cause { get; private set; }

    public bool IsOngoing => Cause is not null;

    public TimeSpan Delay { get; private set; }

    public TimeSpan Failed(OutageCause cause, Exception exception)
    {
        Cause = cause;
        Delay = _backoff.Failed(exception);
        LogBackingOff(logger, cause, Delay, exception.Message);
        return Delay;
    }

    public void Succeeded()
    {
        Cause = null;
        _backoff.Succeeded();
    }

    [LoggerMessage(LogLevel.Debug, "Scheduled message dispatch failed ({Cause}), next try in {Delay}: {Reason}")]
    private static partial void LogBackingOff(ILogger logger, OutageCause cause, TimeSpan delay, string reason);
}

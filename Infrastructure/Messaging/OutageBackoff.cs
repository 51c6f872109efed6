using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Messaging;

/// <summary>
/// How every background loop behaves while something it needs (a server, the dead-letter store) keeps failing:
/// waits twice as long after each failure up to a ceiling, warns when the outage begins and says once when it ends —
/// no hot loop, no log flood. Options: <see cref="Jitter"/> spreads the retries of many services apart, and
/// <see cref="WarnEvery"/> repeats the warning while an outage lasts. A loop with its own log lines uses
/// <see cref="Failed()"/>, <see cref="NextDelay"/> and <see cref="Recover"/>; the others
/// <see cref="Failed(Exception)"/> and <see cref="Succeeded"/>.
/// </summary>
public sealed partial class OutageBackoff(string loop, TimeSpan first, TimeSpan ceiling, ILogger logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private DateTimeOffset _since;
    private DateTimeOffset _lastWarned;

    /// <summary>Each wait is scaled by a random factor within ± this fraction (0.2: 80 % to 120 %).</summary>
    public double Jitter { get; init; }

    /// <summary>While an outage lasts, warn again at most this often; null: warn only when it begins.</summary>
    public TimeSpan? WarnEvery { get; init; }

    /// <summary>Failures in the current outage; 0 when there is none.</summary>
    public int Failures { get; private set; }

    /// <summary>How long the current outage has lasted.</summary>
    public TimeSpan Duration => Failures == 0 ? TimeSpan.Zero : _time.GetUtcNow() - _since;

    /// <summary>
    /// Runs <paramref name="pass"/> every <paramref name="interval"/> until stopped; after a failure, waits as this
    /// backoff says instead, with one warning per outage.
    /// </summary>
    public async Task RepeatAsync(Func<CancellationToken, Task> pass, TimeSpan interval, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                await pass(stoppingToken);
                Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                wait = Failed(e);
            }

            try
            {
                await Task.Delay(wait, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Counts a failure, warns when due, and returns how long to wait before the next try.</summary>
    public TimeSpan Failed(Exception exception)
    {
        if (Failed())
        {
            LogOutage(logger, loop, exception.GetType().Name, exception.Message, Failures);
        }

        return NextDelay();
    }

    /// <summary>Counts a failure; true when the caller should warn (the first, then once per <see cref="WarnEvery"/>).</summary>
    public bool Failed()
    {
        var now = _time.GetUtcNow();
        if (Failures++ == 0)
        {
            _since = now;
            _lastWarned = now;
            return true;
        }

        if (WarnEvery is not { } every || now - _lastWarned < every)
        {
            return false;
        }

        _lastWarned = now;
        return true;
    }

    /// <summary>The wait after the failures so far: first, doubling per failure, at most the ceiling, with the jitter.</summary>
    public TimeSpan NextDelay()
    {
        var delay = first * Math.Pow(2, Math.Min(Math.Max(Failures - 1, 0), 16));
        var capped = delay < ceiling ? delay : ceiling;
        return Jitter > 0 ? capped * (1 - Jitter + (Random.Shared.NextDouble() * 2 * Jitter)) : capped;
    }

    /// <summary>Ends the outage, if any, and logs that the loop works again.</summary>
    public void Succeeded()
    {
        var failures = Failures;
        if (Recover() is not null)
        {
            LogOutageEnded(logger, loop, failures);
        }
    }

    /// <summary>Ends the outage without a log line; returns how long it lasted, or null when there was none.</summary>
    public TimeSpan? Recover()
    {
        var outage = Failures > 0 ? Duration : (TimeSpan?)null;
        Failures = 0;
        return outage;
    }

    [LoggerMessage(LogLevel.Warning, "{Loop} cannot work ({Type}: {Reason}); backing off until it can (failure {Failures})")]
    private static partial void LogOutage(ILogger logger, string loop, string type, string reason, int failures);

    [LoggerMessage(LogLevel.Information, "{Loop} works again after {Failures} failed attempts")]
    private static partial void LogOutageEnded(ILogger logger, string loop, int failures);
}

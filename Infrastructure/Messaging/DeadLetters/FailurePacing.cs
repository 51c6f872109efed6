namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Paces the attempts against something that keeps failing (the store, the broker): exponential backoff with
/// jitter, so nine services do not retry in step, and a log entry on the first failure and then at most once
/// per interval, so an outage costs a few log lines, not thousands.
/// </summary>
internal sealed class FailurePacing(DeadLetterOptions options, TimeProvider time)
{
    private DateTimeOffset _since;
    private DateTimeOffset _lastLogged;

    public int Failures { get; private set; }

    /// <summary>How long the current run of failures has lasted.</summary>
    public TimeSpan Duration => Failures == 0 ? TimeSpan.Zero : time.GetUtcNow() - _since;

    /// <summary>Records a failure; true when it should be logged.</summary>
    public bool Failed()
    {
        var now = time.GetUtcNow();
        if (Failures++ == 0)
        {
            _since = now;
            _lastLogged = now;
            return true;
        }

        if (now - _lastLogged < options.FailureLogInterval)
        {
            return false;
        }

        _lastLogged = now;
        return true;
    }

    public TimeSpan NextDelay()
    {
        var exponent = Math.Min(Math.Max(Failures - 1, 0), 16);
        var delay = Math.Min(options.MinBackoff.TotalMilliseconds * (1 << exponent), options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    /// <summary>Ends a run of failures; returns how long it lasted, or null when there was none.</summary>
    public TimeSpan? Recover()
    {
        var outage = Failures > 0 ? Duration : (TimeSpan?)null;
        Failures = 0;
        return outage;
    }
}

namespace AgentLightning.WebSocket.Connections;

/// <summary>
/// Ends a connection when the token it was opened (or last refreshed) with expires: a fresh token moves the
/// deadline. A deadline beyond what a timer can hold is re-armed when the timer fires early.
/// </summary>
internal sealed class TokenExpiry(TimeProvider clock, Action expired) : IDisposable
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(20);

    private ITimer? _timer;

    /// <summary>From now on the connection ends at <paramref name="expires"/>; null (an API key) never.</summary>
    public void Until(DateTimeOffset? expires) => Interlocked.Exchange(ref _timer, expires is { } at ? Arm(at) : null)?.Dispose();

    public void Dispose() => Interlocked.Exchange(ref _timer, null)?.Dispose();

    private ITimer Arm(DateTimeOffset at)
    {
        var wait = at - clock.GetUtcNow();
        return clock.CreateTimer(_ => Fire(at), null, wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait, Timeout.InfiniteTimeSpan);
    }

    private void Fire(DateTimeOffset at)
    {
        if (clock.GetUtcNow() >= at)
        {
            expired();
        }
        else
        {
            Until(at);
        }
    }
}

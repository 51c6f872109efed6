namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Wakes this process's dispatcher when a message is scheduled sooner than it planned to wake up; other
/// instances find the row at their next poll.
/// </summary>
public sealed class DispatchSignal : IDisposable
{
    // A semaphore, not a channel read with a timeout token: the wait running out is how every idle poll ends, and a
    // cancelled read throws (one exception a second per process). A second ring racing the first costs one extra pass.
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    // While the dispatcher is busy every schedule counts (MaxValue): it may have read the next due time already.
    private long _wakeAtTicks = long.MaxValue;

    public void Scheduled(DateTime dueAt)
    {
        if (dueAt.Ticks < Interlocked.Read(ref _wakeAtTicks) && _wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits until <paramref name="wakeAt"/> or a signal, whichever comes first.</summary>
    public async Task WaitAsync(DateTime wakeAt, TimeSpan wait, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _wakeAtTicks, wakeAt.Ticks);
        try
        {
            await _wake.WaitAsync(wait, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _wakeAtTicks, long.MaxValue);
        }
    }

    public void Dispose() => _wake.Dispose();
}

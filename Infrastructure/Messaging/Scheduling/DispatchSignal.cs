using System.Threading.Channels;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Wakes this process's dispatcher when a message is scheduled sooner than it planned to wake up; other
/// instances find the row at their next poll.
/// </summary>
public sealed class DispatchSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    // While the dispatcher is busy every schedule counts (MaxValue): it may have read the next due time already.
    private long _wakeAtTicks = long.MaxValue;

    public void Scheduled(DateTime dueAt)
    {
        if (dueAt.Ticks < Interlocked.Read(ref _wakeAtTicks))
        {
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Waits until <paramref name="wakeAt"/> or a signal, whichever comes first.</summary>
    public async Task WaitAsync(DateTime wakeAt, TimeSpan wait, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _wakeAtTicks, wakeAt.Ticks);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            await _wake.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait ran out: time to look for due messages.
        }
        finally
        {
            Interlocked.Exchange(ref _wakeAtTicks, long.MaxValue);
        }
    }
}

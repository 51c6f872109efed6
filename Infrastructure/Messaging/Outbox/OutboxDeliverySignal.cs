using MassTransit.Middleware.Outbox;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// The in-process doorbell between a commit and the delivery workers (MassTransit's bus-outbox notification
/// contract). A missed ring costs at most one poll interval: the workers also poll.
/// </summary>
public sealed class OutboxDeliverySignal : IBusOutboxNotification, IDisposable
{
    private readonly SemaphoreSlim _bell = new(0, int.MaxValue);

    public void Delivered()
    {
        // Never let the count grow without bound under load: one pending ring per worker is enough.
        if (_bell.CurrentCount < 8)
        {
            _bell.Release();
        }
    }

    public async Task WaitForDelivery(CancellationToken cancellationToken) => await _bell.WaitAsync(cancellationToken);

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _bell.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Takes the rings waiting, right before a claim: the claim starts after the commits that rang them, so it sees their
    /// rows (or another worker's round holds them). Left waiting, each would start one more round after this one, most
    /// of them claiming nothing (a claim and a commit spent per ring).
    /// </summary>
    public void Clear()
    {
        while (_bell.Wait(0))
        {
        }
    }

    public void Dispose() => _bell.Dispose();
}

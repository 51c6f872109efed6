using System.Collections.Concurrent;
using MassTransit;

namespace AgentLightning.Testing;

/// <summary>
/// Counts finished receives per MessageId: deliveries, whether or not the inbox let them take effect; and the
/// consume faults reported for them (each one publishes a Fault&lt;T&gt;).
/// </summary>
public sealed class ReceiveCounter : IReceiveObserver
{
    private readonly ConcurrentDictionary<Guid, int> _received = new();
    private readonly ConcurrentDictionary<Guid, int> _faults = new();

    public int CountOf(Guid messageId) => _received.TryGetValue(messageId, out var n) ? n : 0;

    public int FaultsOf(Guid messageId) => _faults.TryGetValue(messageId, out var n) ? n : 0;

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        if (context.GetMessageId() is { } id)
        {
            _received.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class
    {
        if (context.MessageId is { } id)
        {
            _faults.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}

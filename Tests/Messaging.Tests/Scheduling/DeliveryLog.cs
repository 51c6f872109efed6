using System.Collections.Concurrent;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed record Delivery(Guid Id, string Consumer, Guid? MessageId, Guid? ConversationId, int RedeliveryCount, DateTime At, bool Succeeded);

/// <summary>Every call of a test consumer, shared by all hosts of a fixture (they run in one process).</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public int Count => _deliveries.Count;

    public void Add(Delivery delivery) => _deliveries.Enqueue(delivery);

    public IReadOnlyList<Delivery> For(Guid id) => _deliveries.Where(d => d.Id == id).ToList();

    public IReadOnlyList<Delivery> All() => _deliveries.ToList();

    /// <summary>
    /// The distinct messages consumed for <paramref name="id"/>: what "once" means here. A consumer may be called
    /// again for the same MessageId when its transaction failed after the call; that is a retry, not a duplicate.
    /// </summary>
    public IReadOnlyList<Guid?> MessageIdsFor(Guid id) => For(id).Select(d => d.MessageId).Distinct().ToList();
}

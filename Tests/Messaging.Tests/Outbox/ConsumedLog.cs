using System.Collections.Concurrent;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>What test consumers saw: how often each message id took effect (of one run, when given).</summary>
public sealed class ConsumedLog(string? run = null)
{
    public bool Accepts(string? messageRun) => run is null || run == messageRun;

    private readonly ConcurrentDictionary<Guid, int> _effects = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _firstAt = new();
    private readonly ConcurrentQueue<(string Key, string Value)> _names = new();

    public int Total => _effects.Values.Sum();

    public int Distinct => _effects.Count;

    public IEnumerable<KeyValuePair<Guid, int>> Duplicates => _effects.Where(e => e.Value > 1);

    public void Record(Guid id)
    {
        _firstAt.TryAdd(id, DateTimeOffset.UtcNow);
        _effects.AddOrUpdate(id, 1, (_, n) => n + 1);
    }

    public DateTimeOffset? FirstConsumedAt(Guid id) => _firstAt.TryGetValue(id, out var at) ? at : null;

    public void RecordName(string key, string value) => _names.Enqueue((key, value));

    public IReadOnlyList<string> NamesOf(string key) => _names.Where(n => n.Key == key).Select(n => n.Value).ToList();

    public int CountOf(Guid id) => _effects.TryGetValue(id, out var n) ? n : 0;
}

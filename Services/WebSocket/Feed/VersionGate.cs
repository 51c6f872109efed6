namespace AgentLightning.WebSocket.Feed;

/// <summary>
/// The last version sent per aggregate, for the most recently seen <c>capacity</c> aggregates: an aggregate
/// forgotten here (least recently used) lets its next event through, whatever its version. Not thread-safe:
/// the feed calls it under its lock.
/// </summary>
internal sealed class VersionGate(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, long Version)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, long Version)> _recency = new();

    public int Count => _index.Count;

    /// <summary>True (and remembered) when <paramref name="version"/> is newer than the last one let through for <paramref name="key"/>.</summary>
    public bool Admit(string key, long version)
    {
        if (_index.TryGetValue(key, out var node))
        {
            if (version <= node.Value.Version)
            {
                return false;
            }

            node.Value = (key, version);
            _recency.Remove(node);
            _recency.AddFirst(node);
            return true;
        }

        _index[key] = _recency.AddFirst((key, version));
        if (_index.Count > capacity)
        {
            _index.Remove(_recency.Last!.Value.Key);
            _recency.RemoveLast();
        }

        return true;
    }
}

using System.Collections.Concurrent;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>Every event a subscriber received, as (event type, aggregate id, version).</summary>
public sealed class RecordedEvents
{
    private readonly ConcurrentQueue<(string Type, string Id, long Version)> _events = new();
    private readonly ConcurrentDictionary<Guid, bool> _messageIds = new();

    /// <summary>
    /// Once per MessageId: a consumer attempt that failed (and was retried) ran this code too, but its
    /// transaction did not commit; what the tests count is messages published, not attempts.
    /// </summary>
    public void Record(Guid messageId, string type, string id, long version)
    {
        if (_messageIds.TryAdd(messageId, true))
        {
            _events.Enqueue((type, id, version));
        }
    }

    public IReadOnlyList<long> VersionsOf(string type, string id) =>
        [.. _events.Where(e => e.Type == type && e.Id == id).Select(e => e.Version)];

    public IReadOnlyList<string> TypesOf(string id) => [.. _events.Where(e => e.Id == id).Select(e => e.Type)];
}

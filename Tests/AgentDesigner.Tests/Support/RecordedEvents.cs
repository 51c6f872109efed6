using System.Collections.Concurrent;
using AgentLightning.Contracts.System;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>Every event a subscriber received, as (event type, aggregate id, version), and every CommandRejected.</summary>
public sealed class RecordedEvents
{
    private readonly ConcurrentQueue<(string Type, string Id, long Version)> _events = new();
    private readonly ConcurrentDictionary<Guid, bool> _messageIds = new();
    private readonly ConcurrentQueue<CommandRejected> _rejections = new();

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

    public void Rejected(Guid messageId, CommandRejected rejected)
    {
        if (_messageIds.TryAdd(messageId, true))
        {
            _rejections.Enqueue(rejected);
        }
    }

    /// <summary>The CommandRejected events received for the command first sent with this MessageId.</summary>
    public IReadOnlyList<CommandRejected> RejectionsOf(Guid commandId) => [.. _rejections.Where(r => r.MessageId == commandId)];

    public IReadOnlyList<long> VersionsOf(string type, string id) =>
        [.. _events.Where(e => e.Type == type && e.Id == id).Select(e => e.Version)];

    public IReadOnlyList<string> TypesOf(string id) => [.. _events.Where(e => e.Id == id).Select(e => e.Type)];
}

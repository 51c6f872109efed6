using System.Collections.Concurrent;

namespace AgentLightning.WorkflowEngine.Tests.Support;

/// <summary>Every message the peer received, once per MessageId (a retried consumer attempt runs the recorder again).</summary>
public sealed class Recorded
{
    private readonly ConcurrentDictionary<Guid, bool> _ids = new();
    private readonly ConcurrentQueue<object> _messages = new();

    public void Add(Guid messageId, object message)
    {
        if (_ids.TryAdd(messageId, true))
        {
            _messages.Enqueue(message);
        }
    }

    public IReadOnlyList<T> All<T>(Func<T, bool> where) => [.. _messages.OfType<T>().Where(where)];
}

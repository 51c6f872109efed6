namespace AgentLightning.Infrastructure.Persistence;

/// <summary>
/// Work that must wait for the outcome of the DbContext's explicit transaction: the cache may only show a
/// change once it is committed, and a consumer's outgoing messages may only be delivered then.
/// </summary>
public sealed class TransactionCallbacks
{
    private readonly List<Func<Task>> _afterCommit = [];
    private readonly List<Func<Task>> _afterRollback = [];

    /// <summary>Set when outbox messages were saved; the commit then wakes the delivery service.</summary>
    public bool OutboxMessagesSaved { get; set; }

    public void AfterCommit(Func<Task> callback) => _afterCommit.Add(callback);

    public void AfterRollback(Func<Task> callback) => _afterRollback.Add(callback);

    public Task CommittedAsync() => RunAsync(_afterCommit);

    public Task RolledBackAsync() => RunAsync(_afterRollback);

    public void Clear()
    {
        _afterCommit.Clear();
        _afterRollback.Clear();
        OutboxMessagesSaved = false;
    }

    private async Task RunAsync(List<Func<Task>> callbacks)
    {
        var pending = callbacks.ToArray();
        Clear();
        foreach (var callback in pending)
        {
            await callback();
        }
    }
}

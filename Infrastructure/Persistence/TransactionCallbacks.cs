namespace AgentLightning.Infrastructure.Persistence;

/// <summary>
/// Work that must wait for the outcome of the DbContext's explicit transaction: the cache may only show a
/// change once it is committed, and a consumer's outgoing messages may only be delivered then.
/// </summary>
public sealed class TransactionCallbacks
{
    private readonly List<Func<Task>> _afterCommit = [];
    private readonly List<Func<Task>> _afterRollback = [];

    /// <summary>
    /// Set while a save without an explicit transaction writes outbox messages, so the delivery service is woken
    /// once it returns. Not cleared with the callbacks: that save's own transaction starts and commits in between.
    /// </summary>
    public bool OutboxMessagesSaved { get; set; }

    public void AfterCommit(Func<Task> callback) => _afterCommit.Add(callback);

    public void AfterRollback(Func<Task> callback) => _afterRollback.Add(callback);

    public Task CommittedAsync() => RunAsync(_afterCommit);

    public Task RolledBackAsync() => RunAsync(_afterRollback);

    public void Clear()
    {
        _afterCommit.Clear();
        _afterRollback.Clear();
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

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

    /// <summary>Runs every callback, also after one has failed; returns the failures.</summary>
    public Task<IReadOnlyList<Exception>> CommittedAsync() => RunAsync(_afterCommit);

    public Task<IReadOnlyList<Exception>> RolledBackAsync() => RunAsync(_afterRollback);

    public void Clear()
    {
        _afterCommit.Clear();
        _afterRollback.Clear();
    }

    /// <summary>
    /// The transaction has ended whatever a callback does: a failure here belongs to the callback's owner, and
    /// must not reach the caller as if the transaction had failed (a consumer would publish a Fault for a
    /// message that took effect).
    /// </summary>
    private async Task<IReadOnlyList<Exception>> RunAsync(List<Func<Task>> callbacks)
    {
        var pending = callbacks.ToArray();
        Clear();
        List<Exception>? failures = null;
        foreach (var callback in pending)
        {
            try
            {
                await callback();
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }

        return failures ?? (IReadOnlyList<Exception>)[];
    }
}

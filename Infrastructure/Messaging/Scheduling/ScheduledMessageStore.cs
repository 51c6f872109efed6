using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Writes and cancels schedules at once, each on a connection of its own: for the plain bus and for scheduled
/// redelivery, which must not roll back with the failed attempt it redelivers. The table comes from the EF model's migration.
/// </summary>
public sealed class ScheduledMessageStore(NpgsqlDataSource dataSource, DispatchSignal signal, SchedulerMetrics metrics) : IScheduledMessageWriter
{
    public async Task AddAsync(ScheduledMessageEntry entry, CancellationToken cancellationToken)
    {
        await ExecuteAsync(ScheduledMessageSql.Upsert(entry), cancellationToken);
        Committed(entry.DueAt);
    }

    public Task CancelAsync(Guid tokenId, CancellationToken cancellationToken) =>
        ExecuteAsync(ScheduledMessageSql.Delete(tokenId), cancellationToken);

    /// <summary>
    /// A schedule is visible to the dispatchers: count it, and wake this process's dispatcher if it is due before it
    /// planned to look. Called after the commit, never before: a dispatcher woken sooner would find nothing and sleep on.
    /// </summary>
    internal void Committed(DateTime dueAt)
    {
        metrics.RecordScheduled();
        signal.Scheduled(dueAt);
    }

    private async Task ExecuteAsync(NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        await ScheduledMessageSql.ExecuteAsync(batch, [command], cancellationToken);
    }
}

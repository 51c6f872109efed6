using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>Replays one aggregate's history from the event log, oldest change first.</summary>
public sealed class EventLogReader(IDbContextFactory<AgentLightningDbContext> contexts)
{
    public async Task<IReadOnlyList<LoggedEvent>> ReplayAsync(string aggregateType, string aggregateId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EventLog.AsNoTracking()
            .Where(e => e.AggregateType == aggregateType && e.AggregateId == aggregateId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the aggregate's last change was its deletion: absent because deleted, as against not created yet
    /// (or never). Each repository logs a deletion as its prefix followed by "Deleted".
    /// </summary>
    public async Task<bool> EndsInDeletionAsync(string aggregateType, string aggregateId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.EventLog.AsNoTracking()
            .Where(e => e.AggregateType == aggregateType && e.AggregateId == aggregateId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => e.EventType)
            .FirstOrDefaultAsync(cancellationToken);
        return last?.EndsWith("Deleted", StringComparison.Ordinal) == true;
    }
}

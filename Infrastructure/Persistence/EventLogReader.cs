using System.Globalization;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>Reads one aggregate's history from the event log, oldest change first, a page at a time.</summary>
public sealed class EventLogReader(IDbContextFactory<AgentLightningDbContext> contexts)
{
    /// <summary>
    /// Keyset-paged on the aggregate's sequence (unique per aggregate, on the log's index): a long history costs the
    /// same per page, and a change logged meanwhile comes at the end. A cursor of another list is a
    /// <see cref="FormatException"/> (400).
    /// </summary>
    public async Task<Page<LoggedEvent>> PageAsync(string aggregateType, string aggregateId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = page.AfterKey switch
        {
            null => 0L,
            var key => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : throw PageCursor.NotOurs(),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EventLog.AsNoTracking()
            .Where(e => e.AggregateType == aggregateType && e.AggregateId == aggregateId && e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .ToPageAsync(page, e => [e.Sequence.ToString(CultureInfo.InvariantCulture)], cancellationToken);
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

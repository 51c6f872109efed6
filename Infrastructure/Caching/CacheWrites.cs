using System.Diagnostics;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// The writer's half of the cache protocol, for every writer of a cached entry (EF saves and raw SQL alike): mark
/// the entry before the commit (or have the transaction bump the generation), then show the committed value, or
/// undo the mark when the write certainly did not commit.
/// </summary>
internal static class CacheWrites
{
    /// <summary>Before the commit; null when Redis could not be marked, so the transaction bumps the generation as it commits.</summary>
    public static async Task<CacheMark?> MarkAsync<T>(EntityCache cache, AgentLightningDbContext db, string key, long version)
        where T : IAggregate
    {
        var markedAt = Stopwatch.GetTimestamp();
        var epoch = await cache.MarkAsync<T>(key, version);
        var mark = epoch is null ? null : EntityCache.MarkOf<T>(key, version, epoch);
        if (mark is null)
        {
            db.CacheMarks.Unmarked();
        }
        else
        {
            db.CacheMarks.Marked(cache, mark, markedAt, renew: db.Database.CurrentTransaction is not null);
        }

        return mark;
    }

    /// <summary>The write was refused by PostgreSQL, so it certainly did not commit: its mark goes.</summary>
    public static async Task RefusedAsync<T>(EntityCache cache, AgentLightningDbContext db, CacheMark? mark, string key, long version)
        where T : IAggregate
    {
        if (mark is not null)
        {
            db.CacheMarks.Aborted(mark);
            await cache.AbortAsync<T>(key, version, mark.Epoch);
        }
    }

    /// <summary>
    /// After the write's statements: alone (saved and committed) the cache shows it at once; inside a transaction
    /// it waits for its outcome. A null <paramref name="value"/> is a deletion.
    /// </summary>
    public static Task SavedAsync<T>(EntityCache cache, AgentLightningDbContext db, CacheMark? mark, string key, long version, T? value)
        where T : IAggregate
    {
        if (mark is null)
        {
            return Task.CompletedTask;
        }

        Task Show() => cache.CompleteAsync(key, version, value, mark.Epoch);
        if (db.Database.CurrentTransaction is null)
        {
            return Show();
        }

        db.Callbacks.AfterCommit(Show);
        db.Callbacks.AfterRollback(() => cache.AbortAsync<T>(key, version, mark.Epoch));
        return Task.CompletedTask;
    }
}

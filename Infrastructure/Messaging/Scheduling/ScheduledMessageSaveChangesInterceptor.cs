using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Writes the schedules and cancels a scope staged on its DbContext (<see cref="ScheduledMessageStaging"/>) in the
/// transaction of its SaveChanges, in one batch, with our SQL rather than EF's: a schedule replaces one with its token,
/// and a cancel of a row already sent is no error. A failed save drops them with the rest of its unit of work.
/// </summary>
internal sealed class ScheduledMessageSaveChangesInterceptor(ScheduledMessageStore store) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is AgentLightningDbContext db && Staged(db).Count > 0
            ? throw new InvalidOperationException("Staged schedules are written by SaveChangesAsync; SaveChanges would lose them.")
            : result;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult || eventData.Context is not AgentLightningDbContext db || Staged(db) is not { Count: > 0 } staged)
        {
            return result;
        }

        if (db.Database.CurrentTransaction is not null)
        {
            await WriteAsync(db, staged, cancellationToken);
            return result;
        }

        // EF would save in a transaction of its own (or in none, for one statement), out of reach: the save runs again
        // inside one begun here, which writes the staged rows first, and stands for this one. Left uncommitted by a
        // failure, the transaction rolls back when disposed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return InterceptionResult<int>.SuppressWithResult(saved);
    }

    private async Task WriteAsync(AgentLightningDbContext db, List<EntityEntry<ScheduledMessageEntry>> staged, CancellationToken cancellationToken)
    {
        await ScheduledMessageSql.ExecuteAsync(db, [.. staged.Select(entry => entry.State == EntityState.Added
            ? ScheduledMessageSql.Upsert(entry.Entity)
            : ScheduledMessageSql.Delete(entry.Entity.TokenId))], cancellationToken);
        foreach (var entry in staged)
        {
            if (entry.State == EntityState.Added)
            {
                ScheduledMessageStaging.Committed(db, store, entry.Entity.DueAt);
            }

            entry.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Schedules (Added) and cancels (Deleted) waiting for a save. Their states are set, never detected: the lookup
    /// skips EF's scan of every tracked entity for changes (DetectChanges), which SaveChanges makes anyway.
    /// </summary>
    internal static List<EntityEntry<ScheduledMessageEntry>> Staged(DbContext db)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<ScheduledMessageEntry>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}

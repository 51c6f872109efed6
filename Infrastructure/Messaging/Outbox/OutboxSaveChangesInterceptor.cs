using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Wakes the delivery service the moment outbox rows are committed: right after a save that was its own
/// transaction, or when the enclosing transaction commits.
/// </summary>
internal sealed class OutboxSaveChangesInterceptor(OutboxDeliverySignal signal) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AgentLightningDbContext db && HasNewOutboxMessages(db))
        {
            if (db.Database.CurrentTransaction is null)
            {
                db.Callbacks.OutboxMessagesSaved = true;
            }
            else
            {
                db.Callbacks.AfterCommit(Wake);
            }
        }

        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AgentLightningDbContext { Callbacks.OutboxMessagesSaved: true } db && db.Database.CurrentTransaction is null)
        {
            db.Callbacks.OutboxMessagesSaved = false;
            await Wake();
        }

        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AgentLightningDbContext db && db.Database.CurrentTransaction is null)
        {
            db.Callbacks.OutboxMessagesSaved = false;
        }

        return Task.CompletedTask;
    }

    private Task Wake()
    {
        signal.Delivered();
        return Task.CompletedTask;
    }

    private static bool HasNewOutboxMessages(DbContext db) =>
        db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
}

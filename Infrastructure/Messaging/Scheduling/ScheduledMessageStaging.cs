using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// A DI scope's schedules and cancels go where its sends go. In a consumer's transaction (the consumer outbox, which
/// always saves before it commits) and in a bus-outbox scope (an HTTP request) they are staged on the DbContext like its
/// outbox rows and written by its next SaveChanges (<see cref="ScheduledMessageSaveChangesInterceptor"/>), all in one
/// round trip: a saga step's new timeout and the cancel of the old one cost one batch, not two statements. A scope that
/// never saves schedules nothing. Another open transaction gets them at once; a scope without one, on their own connection.
/// </summary>
internal sealed class ScheduledMessageStaging(
    AgentLightningDbContext db, ScheduledMessageStore store, IScopedBusContextProvider<IBus> busContext) : IScheduledMessageWriter
{
    private bool _consumerOutbox;

    private bool Staged => _consumerOutbox || busContext.Context is OutboxScopedBusContext;

    /// <summary>The scope runs a consumer in the consumer outbox's transaction, which saves before it commits.</summary>
    internal ScheduledMessageStaging InConsumerOutbox()
    {
        _consumerOutbox = true;
        return this;
    }

    public async Task AddAsync(ScheduledMessageEntry entry, CancellationToken cancellationToken)
    {
        if (Staged)
        {
            Unstage(entry.TokenId);
            db.Add(entry);
        }
        else if (db.Database.CurrentTransaction is not null)
        {
            await ScheduledMessageSql.ExecuteAsync(db, [ScheduledMessageSql.Upsert(entry)], cancellationToken);
            Committed(db, store, entry.DueAt);
        }
        else
        {
            await store.AddAsync(entry, cancellationToken);
        }
    }

    public async Task CancelAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        if (Staged)
        {
            Unstage(tokenId);
            db.Entry(CancelMarker(tokenId)).State = EntityState.Deleted;
        }
        else if (db.Database.CurrentTransaction is not null)
        {
            await ScheduledMessageSql.ExecuteAsync(db, [ScheduledMessageSql.Delete(tokenId)], cancellationToken);
        }
        else
        {
            await store.CancelAsync(tokenId, cancellationToken);
        }
    }

    /// <summary>The dispatcher hears of a schedule once the DbContext's transaction commits.</summary>
    internal static void Committed(AgentLightningDbContext db, ScheduledMessageStore store, DateTime dueAt) =>
        db.Callbacks.AfterCommit(() =>
        {
            store.Committed(dueAt);
            return Task.CompletedTask;
        });

    /// <summary>The last word on a token is the one that counts: a schedule replaces its row, a cancel deletes it.</summary>
    private void Unstage(Guid tokenId)
    {
        if (ScheduledMessageSaveChangesInterceptor.Staged(db).Find(e => e.Entity.TokenId == tokenId) is { } staged)
        {
            staged.State = EntityState.Detached;
        }
    }

    // Only its key matters: the interceptor deletes by token and detaches the entry before EF would delete it.
    private static ScheduledMessageEntry CancelMarker(Guid tokenId) =>
        new() { TokenId = tokenId, DestinationAddress = new Uri("urn:cancelled"), MessageType = "", ContentType = "", Body = [] };
}

using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// A DI scope's schedules and cancels go where its sends go. With the DbContext's transaction open (a consumer's, under
/// the consumer outbox) they are written in it at once. In a bus-outbox scope (an HTTP request) they are staged on the
/// DbContext like its outbox rows and written by its next SaveChanges (<see cref="ScheduledMessageSaveChangesInterceptor"/>),
/// so a scope that never saves schedules nothing. A scope consuming without a transaction writes them at once.
/// </summary>
internal sealed class ScheduledMessageStaging(
    AgentLightningDbContext db, ScheduledMessageStore store, IScopedBusContextProvider<IBus> busContext) : IScheduledMessageWriter
{
    private bool InBusOutbox => busContext.Context is OutboxScopedBusContext;

    public async Task AddAsync(ScheduledMessageEntry entry, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await WriteAsync(db, store, entry, cancellationToken);
        }
        else if (InBusOutbox)
        {
            Unstage(entry.TokenId);
            db.Add(entry);
        }
        else
        {
            await store.AddAsync(entry, cancellationToken);
        }
    }

    public async Task CancelAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await DeleteAsync(db, tokenId, cancellationToken);
        }
        else if (InBusOutbox)
        {
            Unstage(tokenId);
            db.Entry(CancelMarker(tokenId)).State = EntityState.Deleted;
        }
        else
        {
            await store.CancelAsync(tokenId, cancellationToken);
        }
    }

    /// <summary>Writes the schedule in the DbContext's transaction; the dispatcher hears of it once that commits.</summary>
    internal static async Task WriteAsync(AgentLightningDbContext db, ScheduledMessageStore store, ScheduledMessageEntry entry, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(ScheduledMessageSql.Upsert, ScheduledMessageSql.UpsertParameters(entry), cancellationToken);
        var dueAt = entry.DueAt;
        db.Callbacks.AfterCommit(() =>
        {
            store.Committed(dueAt);
            return Task.CompletedTask;
        });
    }

    internal static Task DeleteAsync(AgentLightningDbContext db, Guid tokenId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(ScheduledMessageSql.Delete, ScheduledMessageSql.DeleteParameters(tokenId), cancellationToken);

    /// <summary>The last word on a token is the one that counts: a schedule replaces its row, a cancel deletes it.</summary>
    private void Unstage(Guid tokenId)
    {
        if (db.Set<ScheduledMessageEntry>().Local.FindEntry(tokenId) is { } staged)
        {
            staged.State = EntityState.Detached;
        }
    }

    // Only its key matters: the interceptor deletes by token and detaches the entry before EF would delete it.
    private static ScheduledMessageEntry CancelMarker(Guid tokenId) =>
        new() { TokenId = tokenId, DestinationAddress = new Uri("urn:cancelled"), MessageType = "", ContentType = "", Body = [] };
}

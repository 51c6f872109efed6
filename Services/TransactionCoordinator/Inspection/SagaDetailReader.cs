using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.Commands.Http;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Messaging.Scheduling;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// Reads one saga and what belongs to it, each by an index except the two tables that hold little (a backlog of
/// outbox_messages, dead_letters), which are scanned. The independent reads run side by side, each on a context (and
/// pooled connection) of its own: seven round trips one after the other were most of a detail's time. Plain reads
/// outside any transaction: no row is locked.
/// </summary>
internal sealed class SagaDetailReader(AgentLightningDbContext db, IDbContextFactory<AgentLightningDbContext> contexts, SagaRegistry sagas)
{
    /// <summary>How many of the conversation's pending messages and dead letters are shown (newest letters first).</summary>
    public const int MaxRelated = 100;

    public async Task<SagaDetailResponse> ReadAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        // A saga's history is a row per state change and a row per message that moved it or made it send, a few dozen at
        // most: read whole, it gives the page and every id its conversation is known by, in two round trips side by side.
        var found = FindAsync(id, cancellationToken);
        var read = ReadAsync(c => c.Set<SagaTransition>().AsNoTracking().Where(t => t.CorrelationId == id).OrderBy(t => t.Sequence).ToListAsync(cancellationToken), cancellationToken);
        var readConversation = ReadAsync(c => c.Set<SagaConversationEntry>().AsNoTracking().Where(e => e.CorrelationId == id).OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken), cancellationToken);
        await Task.WhenAll(found, read, readConversation);
        var ((type, saga), history) = (await found, await read);
        var conversation = (await readConversation).Select(ConversationEntry.From).ToList();
        var typeName = type?.Name ?? history.Select(t => t.SagaType).FirstOrDefault() ?? throw new EntityNotFoundException("saga", id.ToString());
        var (afterTransition, afterMessage) = page.AfterKeys is { } keys ? PageCursor.Parse<long, long>(keys) : (0, 0);
        var transitions = HistoryPage.After(history, t => t.Sequence, afterTransition, page.Size);
        var consumed = HistoryPage.After(conversation, e => e.Sequence, afterMessage, page.Size);
        var next = transitions.More || consumed.More
            ? PageCursor.Encode(Key(transitions.Items.LastOrDefault()?.Sequence ?? afterTransition), Key(consumed.Items.LastOrDefault()?.Sequence ?? afterMessage))
            : null;

        var messageIds = history.Select(t => t.MessageId).Concat(conversation.Select(e => e.MessageId)).OfType<Guid>().Distinct().ToList();
        var caused = conversation.SelectMany(e => e.Caused).Select(m => m.MessageId);
        var conversations = history.Select(t => t.ConversationId).Concat(conversation.Select(e => e.ConversationId)).OfType<Guid>().Distinct().ToList();
        var letters = ReadAsync(c => LettersAsync(c, id, [.. messageIds.Concat(caused).Distinct()], conversations, cancellationToken), cancellationToken);
        var actions = ReadAsync(c => c.Set<SagaAction>().AsNoTracking().Where(a => a.CorrelationId == id).OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken), cancellationToken);
        var messages = MessagesAsync(type, saga, messageIds, conversations, cancellationToken);
        await Task.WhenAll(letters, actions, messages);
        return new SagaDetailResponse(
            typeName, id, saga?.CurrentState, saga?.CreatedAt, saga?.UpdatedAt, saga?.FinishedAt, saga is null ? null : type!.OutcomeOf(saga),
            saga is null ? null : JsonSerializer.SerializeToElement(saga, saga.GetType(), JsonSerializerOptions.Web),
            [.. transitions.Items.Select(TransitionEntry.From)], transitions.Items.Count, next, consumed.Items,
            await messages,
            [.. (await letters).Where(l => l.Reason != DeadLetterReason.Rejected)], [.. (await letters).Where(l => l.Reason == DeadLetterReason.Rejected)],
            [.. (await actions).Select(SagaActionEntry.From)]);
    }

    private static string Key(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The saga's row in whichever saga table holds it, or none.</summary>
    public async Task<(RegisteredSaga? Type, SagaState? Saga)> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        foreach (var type in sagas.All)
        {
            if (await type.LoadAsync(db, id, cancellationToken) is { } saga)
            {
                return (type, saga);
            }
        }

        return (null, null);
    }

    private async Task<SagaMessages> MessagesAsync(
        RegisteredSaga? type, SagaState? saga, List<Guid> messageIds, List<Guid> conversations, CancellationToken cancellationToken)
    {
        var tokens = type is not null && saga is not null ? type.TimeoutTokens(saga) : [];
        var scheduled = tokens.Count == 0
            ? Task.FromResult(new List<ScheduledEntry>())
            : ReadAsync(c => c.Set<ScheduledMessageEntry>().AsNoTracking().Where(m => tokens.Contains(m.TokenId)).OrderBy(m => m.DueAt)
                .Select(m => new ScheduledEntry(m.TokenId, m.MessageId, m.MessageType, m.DestinationAddress, m.DueAt, m.Attempts, m.LastError))
                .ToListAsync(cancellationToken), cancellationToken);
        var pending = conversations.Count == 0
            ? Task.FromResult(new List<PendingEntry>())
            : ReadAsync(c => c.Set<OutboxMessage>().AsNoTracking().Where(m => m.ConversationId != null && conversations.Contains(m.ConversationId.Value))
                .OrderBy(m => m.SequenceNumber).Take(MaxRelated)
                .Select(m => new PendingEntry(m.MessageId, m.MessageType, m.DestinationAddress, m.ConversationId, m.SentTime))
                .ToListAsync(cancellationToken), cancellationToken);
        var commands = messageIds.Count == 0
            ? Task.FromResult(new List<CommandEntry>())
            : ReadAsync(c => c.Set<SentCommand>().AsNoTracking().Where(m => messageIds.Contains(m.MessageId)).OrderBy(m => m.SentAt)
                .Select(m => new CommandEntry(m.MessageId, m.MessageType, m.SentAt))
                .ToListAsync(cancellationToken), cancellationToken);
        await Task.WhenAll(scheduled, pending, commands);
        return new SagaMessages(await scheduled, await pending, await commands);
    }

    /// <summary>
    /// A letter belongs to the saga when it is a message that moved it or that it sent (its id), or when its body — the envelope, with
    /// its conversation and correlation ids and the message's own fields — names the saga or one of its conversations:
    /// a command the saga sent that its owner rejected, an event that failed the saga's consumer.
    /// </summary>
    private static async Task<List<DeadLetterSummary>> LettersAsync(
        AgentLightningDbContext db, Guid id, List<Guid> messageIds, List<Guid> conversations, CancellationToken cancellationToken)
    {
        var ids = messageIds.Select(m => m.ToString()).ToArray();
        var patterns = conversations.Prepend(id).Distinct().Select(g => Encoding.UTF8.GetBytes(g.ToString())).ToArray();
        return await db.Set<DeadLetter>()
            .FromSql($"""
                SELECT * FROM dead_letters
                WHERE message_id = ANY({ids}) OR EXISTS (SELECT 1 FROM unnest({patterns}::bytea[]) p WHERE position(p IN body) > 0)
                """)
            .AsNoTracking().OrderByDescending(d => d.LastFailedAt).Take(MaxRelated).Select(DeadLetterListing.Summary)
            .ToListAsync(cancellationToken);
    }

    private async Task<T> ReadAsync<T>(Func<AgentLightningDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await read(context);
    }
}

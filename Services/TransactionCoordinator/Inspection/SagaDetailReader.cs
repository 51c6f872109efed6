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
/// outbox_messages, dead_letters), which are scanned. Plain reads outside any transaction: no row is locked.
/// </summary>
internal sealed class SagaDetailReader(AgentLightningDbContext db, SagaRegistry sagas)
{
    /// <summary>How many of the conversation's pending messages and dead letters are shown (newest letters first).</summary>
    public const int MaxRelated = 100;

    public async Task<SagaDetailResponse> ReadAsync(Guid id, PageRequest page, CancellationToken cancellationToken)
    {
        var (type, saga) = await FindAsync(id, cancellationToken);

        // A saga's history is a row per state change, a few dozen at most: read whole, it gives the page and every id
        // its conversation is known by, in one round trip.
        var history = await db.Set<SagaTransition>().AsNoTracking().Where(t => t.CorrelationId == id).OrderBy(t => t.Sequence).ToListAsync(cancellationToken);
        var typeName = type?.Name ?? history.Select(t => t.SagaType).FirstOrDefault() ?? throw new EntityNotFoundException("saga", id.ToString());
        var after = page.AfterKey is not { } key ? 0
            : long.TryParse(key, CultureInfo.InvariantCulture, out var sequence) ? sequence
            : throw new FormatException("after is not a cursor this list gave: pass the 'next' value of the previous page.");
        var transitions = PageQueries.ToPage(
            [.. history.Where(t => t.Sequence > after).Take(page.Size + 1)], page.Size, t => [t.Sequence.ToString(CultureInfo.InvariantCulture)]);

        var messageIds = history.Select(t => t.MessageId).OfType<Guid>().Distinct().ToList();
        var conversations = history.Select(t => t.ConversationId).OfType<Guid>().Distinct().ToList();
        var letters = await LettersAsync(id, messageIds, conversations, cancellationToken);
        var actions = await db.Set<SagaAction>().AsNoTracking().Where(a => a.CorrelationId == id).OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return new SagaDetailResponse(
            typeName, id, saga?.CurrentState, saga?.CreatedAt, saga?.UpdatedAt, saga?.FinishedAt,
            saga is null ? null : JsonSerializer.SerializeToElement(saga, saga.GetType(), JsonSerializerOptions.Web),
            [.. transitions.Items.Select(TransitionEntry.From)], transitions.Items.Count, transitions.Next,
            await MessagesAsync(type, saga, messageIds, conversations, cancellationToken),
            [.. letters.Where(l => l.Reason != DeadLetterReason.Rejected)], [.. letters.Where(l => l.Reason == DeadLetterReason.Rejected)],
            [.. actions.Select(SagaActionEntry.From)]);
    }

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
            ? []
            : await db.Set<ScheduledMessageEntry>().AsNoTracking().Where(m => tokens.Contains(m.TokenId)).OrderBy(m => m.DueAt)
                .Select(m => new ScheduledEntry(m.TokenId, m.MessageId, m.MessageType, m.DestinationAddress, m.DueAt, m.Attempts, m.LastError))
                .ToListAsync(cancellationToken);
        var pending = conversations.Count == 0
            ? []
            : await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ConversationId != null && conversations.Contains(m.ConversationId.Value))
                .OrderBy(m => m.SequenceNumber).Take(MaxRelated)
                .Select(m => new PendingEntry(m.MessageId, m.MessageType, m.DestinationAddress, m.ConversationId, m.SentTime))
                .ToListAsync(cancellationToken);
        var commands = messageIds.Count == 0
            ? []
            : await db.Set<SentCommand>().AsNoTracking().Where(c => messageIds.Contains(c.MessageId)).OrderBy(c => c.SentAt)
                .Select(c => new CommandEntry(c.MessageId, c.MessageType, c.SentAt))
                .ToListAsync(cancellationToken);
        return new SagaMessages(scheduled, pending, commands);
    }

    /// <summary>
    /// A letter belongs to the saga when it is a message that moved it (its id), or when its body — the envelope, with
    /// its conversation and correlation ids and the message's own fields — names the saga or one of its conversations:
    /// a command the saga sent that its owner rejected, an event that failed the saga's consumer.
    /// </summary>
    private async Task<List<DeadLetterSummary>> LettersAsync(Guid id, List<Guid> messageIds, List<Guid> conversations, CancellationToken cancellationToken)
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
}

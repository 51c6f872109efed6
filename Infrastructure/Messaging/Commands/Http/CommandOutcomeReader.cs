using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

/// <summary>
/// Reads a command's outcome from the tables every service shares: the owner's event log, the dead letters,
/// the inbox and the outbox, each written in the transaction that decides the state it shows. Its own row in
/// sent_commands, written with the outbox row, decides whether the link exists: an id never sent through
/// POST /commands, sent as another command, or forgotten by retention is 404.
/// </summary>
internal static class CommandOutcomeReader
{
    private const string RejectedPrefix = "CommandRejected:";

    public static async Task<CommandOutcome> ReadAsync(AgentLightningDbContext db, Type command, Guid messageId, CancellationToken cancellationToken)
    {
        var sent = await db.Set<SentCommand>().AsNoTracking().FirstOrDefaultAsync(s => s.MessageId == messageId, cancellationToken);
        if (sent is null || sent.MessageType != command.Name)
        {
            throw new EntityNotFoundException(command.Name, messageId.ToString());
        }

        var events = await db.EventLog.AsNoTracking()
            .Where(e => e.CausationId == messageId)
            .OrderBy(e => e.Id)
            .Select(e => new CommandEvent(e.EventType, e.AggregateType, e.AggregateId, e.Sequence, e.OccurredAt))
            .ToListAsync(cancellationToken);
        var letter = events.Count > 0 ? null : await DeadLetterAsync(db, messageId, cancellationToken);
        var status = events.Count > 0 ? CommandStatuses.Applied
            : letter is not null ? letter.Value.Status
            : await db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId, cancellationToken) ? CommandStatuses.Consumed
            : await db.Set<OutboxMessage>().AnyAsync(m => m.MessageId == messageId, cancellationToken) ? CommandStatuses.Pending
            : CommandStatuses.Sent;
        return new CommandOutcome(messageId, command.Name, CommandRouting.OwnerOf(command), status, letter?.Rejection, events);
    }

    /// <summary>A "rejected" letter is the owner's refusal; any other (fault, poison, undeliverable) is a failure.</summary>
    private static async Task<(string Status, CommandRejection Rejection)?> DeadLetterAsync(
        AgentLightningDbContext db, Guid messageId, CancellationToken cancellationToken)
    {
        var id = messageId.ToString();
        var letter = await db.Set<DeadLetter>().AsNoTracking()
            .Where(d => d.MessageId == id)
            .OrderByDescending(d => d.LastFailedAt)
            .Select(d => new { d.Reason, d.ExceptionType, d.ExceptionMessage, d.LastFailedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (letter is null)
        {
            return null;
        }

        if (letter.Reason != DeadLetterReason.Rejected)
        {
            return (CommandStatuses.Failed, new CommandRejection(letter.Reason, letter.ExceptionMessage, letter.LastFailedAt));
        }

        var reason = letter.ExceptionType is { } type && type.StartsWith(RejectedPrefix, StringComparison.Ordinal)
            ? type[RejectedPrefix.Length..]
            : DeadLetterReason.Rejected;
        return (CommandStatuses.Rejected, new CommandRejection(reason, letter.ExceptionMessage, letter.LastFailedAt));
    }
}

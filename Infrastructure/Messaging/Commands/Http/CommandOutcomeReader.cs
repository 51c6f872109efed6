using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

/// <summary>
/// Reads a command's outcome from the tables every service shares: the owner's event log, the rejected dead
/// letters, the inbox and the outbox. No table of its own: each of them is written in the transaction that
/// decides the state it shows.
/// </summary>
internal static class CommandOutcomeReader
{
    private const string RejectedPrefix = "CommandRejected:";

    public static async Task<CommandOutcome> ReadAsync(AgentLightningDbContext db, Type command, Guid messageId, CancellationToken cancellationToken)
    {
        var events = await db.EventLog.AsNoTracking()
            .Where(e => e.CausationId == messageId)
            .OrderBy(e => e.Id)
            .Select(e => new CommandEvent(e.EventType, e.AggregateType, e.AggregateId, e.Sequence, e.OccurredAt))
            .ToListAsync(cancellationToken);
        var rejection = events.Count > 0 ? null : await RejectionAsync(db, messageId, cancellationToken);
        var status = events.Count > 0 ? CommandStatuses.Applied
            : rejection is not null ? CommandStatuses.Rejected
            : await db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId, cancellationToken) ? CommandStatuses.Consumed
            : await db.Set<OutboxMessage>().AnyAsync(m => m.MessageId == messageId, cancellationToken) ? CommandStatuses.Pending
            : CommandStatuses.Sent;
        return new CommandOutcome(messageId, command.Name, CommandRouting.OwnerOf(command), status, rejection, events);
    }

    private static async Task<CommandRejection?> RejectionAsync(AgentLightningDbContext db, Guid messageId, CancellationToken cancellationToken)
    {
        var id = messageId.ToString();
        var letter = await db.Set<DeadLetter>().AsNoTracking()
            .Where(d => d.MessageId == id && d.Reason == DeadLetterReason.Rejected)
            .OrderByDescending(d => d.LastFailedAt)
            .Select(d => new { d.ExceptionType, d.ExceptionMessage, d.LastFailedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (letter is null)
        {
            return null;
        }

        var reason = letter.ExceptionType is { } type && type.StartsWith(RejectedPrefix, StringComparison.Ordinal)
            ? type[RejectedPrefix.Length..]
            : DeadLetterReason.Rejected;
        return new CommandRejection(reason, letter.ExceptionMessage, letter.LastFailedAt);
    }
}

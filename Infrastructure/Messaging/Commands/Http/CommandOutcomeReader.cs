using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Commands.Http;

/// <summary>
/// Reads a command's outcome from the tables every service shares: the owner's event log, the dead letters,
/// the inbox and the outbox. No table of its own: each of them is written in the transaction that
/// decides the state it shows. Where a row names the message's type (a dead letter, an outbox row) and it is
/// another command's, the link is not this command's: 404, not that command's outcome under this name.
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
        var urn = MessageUrn.ForTypeString(command);
        var letter = events.Count > 0 ? null : await DeadLetterAsync(db, messageId, urn, cancellationToken);
        var status = events.Count > 0 ? CommandStatuses.Applied
            : letter is not null ? letter.Value.Status
            : await db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId, cancellationToken) ? CommandStatuses.Consumed
            : await PendingAsync(db, messageId, urn, cancellationToken) ? CommandStatuses.Pending
            : CommandStatuses.Sent;
        return new CommandOutcome(messageId, command.Name, CommandRouting.OwnerOf(command), status, letter?.Rejection, events);
    }

    /// <summary>A "rejected" letter is the owner's refusal; any other (fault, poison, undeliverable) is a failure.</summary>
    private static async Task<(string Status, CommandRejection Rejection)?> DeadLetterAsync(
        AgentLightningDbContext db, Guid messageId, string urn, CancellationToken cancellationToken)
    {
        var id = messageId.ToString();
        var letter = await db.Set<DeadLetter>().AsNoTracking()
            .Where(d => d.MessageId == id)
            .OrderByDescending(d => d.LastFailedAt)
            .Select(d => new { d.Reason, d.ExceptionType, d.ExceptionMessage, d.LastFailedAt, d.MessageTypes })
            .FirstOrDefaultAsync(cancellationToken);
        if (letter is null)
        {
            return null;
        }

        Expect(letter.MessageTypes.Length == 0 || letter.MessageTypes.Contains(urn, StringComparer.Ordinal), urn, messageId);

        if (letter.Reason != DeadLetterReason.Rejected)
        {
            return (CommandStatuses.Failed, new CommandRejection(letter.Reason, letter.ExceptionMessage, letter.LastFailedAt));
        }

        var reason = letter.ExceptionType is { } type && type.StartsWith(RejectedPrefix, StringComparison.Ordinal)
            ? type[RejectedPrefix.Length..]
            : DeadLetterReason.Rejected;
        return (CommandStatuses.Rejected, new CommandRejection(reason, letter.ExceptionMessage, letter.LastFailedAt));
    }

    private static async Task<bool> PendingAsync(AgentLightningDbContext db, Guid messageId, string urn, CancellationToken cancellationToken)
    {
        var types = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageId == messageId)
            .Select(m => m.MessageType).ToListAsync(cancellationToken);
        Expect(types.Count == 0 || types.Any(t => t.Split(';').Contains(urn, StringComparer.Ordinal)), urn, messageId);
        return types.Count > 0;
    }

    private static void Expect(bool sameType, string urn, Guid messageId)
    {
        if (!sameType)
        {
            throw new EntityNotFoundException(urn[(urn.LastIndexOf(':') + 1)..], messageId.ToString());
        }
    }
}

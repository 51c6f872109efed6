using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// A rejected command as a dead letter (<see cref="ConsumedLetter"/>), keyed by the command's first MessageId so
/// one command is one letter. The window headers are dropped, so a replayed command gets a fresh redelivery window.
/// </summary>
internal static class RejectedLetter
{
    public static DeadLetterCapture Capture(ConsumeContext context, CommandRejected rejected, DateTimeOffset firstAttempt, DateTimeOffset now)
    {
        var reason = new ConsumedLetterReason(
            rejected.RejectedBy, DeadLetterReason.Rejected, $"{nameof(CommandRejected)}:{rejected.Reason}",
            $"{rejected.CommandType} for {rejected.TargetType} '{rejected.TargetId}': {rejected.Detail}", firstAttempt, now,
            Math.Max(context.Headers.Get<int>(MessageHeaders.RedeliveryCount) ?? 0, CommandHeaders.RedeliveryOf(context)));
        var capture = ConsumedLetter.Capture(
            context, rejected.MessageId.ToString(), reason, header => header is not (CommandHeaders.FirstAttempt or CommandHeaders.Redelivery));
        return capture with
        {
            Headers = new Dictionary<string, object?>(capture.Headers, StringComparer.Ordinal) { [CommandHeaders.CommandId] = rejected.MessageId.ToString() },
        };
    }
}

using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.Capture;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Whether a dead letter's message already took effect, read from the inbox: a consumer's commit that went through
/// but was reported as failed (an ambiguous commit), or an undeliverable message that did arrive after all. The
/// inbox keeps these rows while the letter is pending (<see cref="InboxCleanup"/>), so the answer holds however
/// late the replay comes.
/// </summary>
internal static class AppliedMessages
{
    public static async Task<bool> AlreadyAppliedAsync(AgentLightningDbContext db, DeadLetter letter, CancellationToken cancellationToken)
    {
        // The MessageId a replay would carry: the letter's own, unless its sender gave the stored copy another.
        var replayed = JsonSerializer.Deserialize<AmqpProperties>(letter.Properties, DeadLetterJson.Options)?.MessageId ?? letter.MessageId;
        if (!Guid.TryParse(replayed, out var messageId))
        {
            return false;
        }

        var inbox = db.Set<InboxState>().Where(i => i.MessageId == messageId);
        if (letter.SourceQueue.StartsWith(UndeliverableMessages.ExchangePrefix, StringComparison.Ordinal))
        {
            // The broker routes a message to every queue bound to the exchange or to none: any consumer's row says it arrived.
            return await inbox.AnyAsync(cancellationToken);
        }

        var consumers = ConsumerIdsOf(letter);
        return consumers.Length > 0 && await inbox.AnyAsync(i => consumers.Contains(i.ConsumerId), cancellationToken);
    }

    /// <summary>
    /// The failed consumer (MT-Fault-ConsumerType) on the letter's queue, for each type the message was sent as; none
    /// when no consumer took it (poison, skipped).
    /// </summary>
    private static string[] ConsumerIdsOf(DeadLetter letter) =>
        HeaderJson.Read(letter.Headers).TryGetValue(MessageHeaders.FaultConsumerType, out var consumer) && consumer?.ToString() is { Length: > 0 } consumerType
            ? [.. letter.MessageTypes.Select(ShortName).Select(type => InboxConsumerId.Of(consumerType, type, letter.SourceQueue))]
            : [];

    /// <summary>urn:message:Namespace:Type as MassTransit names the type: Namespace.Type.</summary>
    private static string ShortName(string urn) =>
        urn.Split(':') switch
        {
            [_, _, var ns, var type] => $"{ns}.{type}",
            [_, _, var type] => type,
            _ => urn,
        };
}

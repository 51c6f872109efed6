using System.Text;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Gives up on an outbox's head message after <see cref="OutboxOptions.MaxDeliveryAttempts"/> refusals, so it
/// cannot hold the rest of its outbox back for ever. The dead letter is stored before the claim's transaction
/// deletes the row: a crash in between leaves the row, and giving up on it again adds nothing to the store.
/// </summary>
internal sealed class OutboxDeadLettering(UndeliverableMessages undeliverable, IOptions<OutboxOptions> options, TimeProvider time)
{
    public const string Sender = "outbox";

    /// <summary>True when the message is a dead letter now and the outbox may go on with the next one.</summary>
    public async Task<bool> TryGiveUpAsync(ClaimedOutbox outbox, OutboxMessage message, Exception error, CancellationToken cancellationToken)
    {
        if (outbox.Attempts < options.Value.MaxDeliveryAttempts || !undeliverable.MayGiveUp(error))
        {
            return false;
        }

        return await GiveUpAsync(outbox, message, error, cancellationToken);
    }

    /// <summary>Makes the message a dead letter now, whatever its attempts; true once the store holds it.</summary>
    public async Task<bool> GiveUpAsync(ClaimedOutbox outbox, OutboxMessage message, Exception error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await undeliverable.AddAsync(Sender, [new UndeliverableMessage
        {
            MessageId = message.MessageId,
            CorrelationId = message.CorrelationId,
            MessageTypes = message.MessageType,
            ContentType = message.ContentType,
            Body = Encoding.UTF8.GetBytes(message.Body),
            Headers = message.Headers,
            Destination = message.DestinationAddress,
            Error = error,
            Attempts = outbox.Attempts,
            FirstFailedAt = outbox.Attempts > 1 && outbox.FirstFailedAt is { } first ? new DateTimeOffset(first, TimeSpan.Zero) : now,
            LastFailedAt = now,
        }], cancellationToken);
    }
}

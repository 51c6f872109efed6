using AgentLightning.Infrastructure.Messaging.DeadLetters;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Gives up on an outbox's head message after <see cref="OutboxOptions.MaxDeliveryAttempts"/> refusals, so it
/// cannot hold the rest of its outbox back for ever. The dead letter is written in the claim's transaction, which
/// also deletes the row: both commit together, or neither does and the message is tried again.
/// </summary>
internal sealed class OutboxDeadLettering(UndeliverableMessages undeliverable, IOptions<OutboxOptions> options, TimeProvider time)
{
    public const string Sender = "outbox";

    /// <summary>True when the message is a dead letter now and the outbox may go on with the next one.</summary>
    /// <remarks>The outboxes of a round share its connection: <paramref name="connection"/> lets one statement run on it at a time.</remarks>
    public async Task<bool> TryGiveUpAsync(
        ClaimedOutbox outbox, OutboxMessage message, Exception error, NpgsqlTransaction transaction, SemaphoreSlim connection,
        CancellationToken cancellationToken)
    {
        if (outbox.Attempts < options.Value.MaxDeliveryAttempts || !undeliverable.MayGiveUp(error))
        {
            return false;
        }

        return await GiveUpAsync(outbox, message, error, transaction, connection, cancellationToken);
    }

    /// <summary>Counts the letters of a round whose transaction committed (never before: a failed commit would count them twice).</summary>
    public void CountFailed(IReadOnlyList<DeadLetterCapture> letters) => undeliverable.CountFailed(letters);

    /// <summary>Makes the message a dead letter now, whatever its attempts; true once it is written in the claim's transaction.</summary>
    public async Task<bool> GiveUpAsync(
        ClaimedOutbox outbox, OutboxMessage message, Exception error, NpgsqlTransaction transaction, SemaphoreSlim connection,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var letter = new UndeliverableMessage
        {
            Message = message.ToCaptured(),
            Error = error,
            Attempts = outbox.Attempts,
            FirstFailedAt = outbox.Attempts > 1 && outbox.FirstFailedAt is { } first ? new DateTimeOffset(first, TimeSpan.Zero) : now,
            LastFailedAt = now,
        };
        await connection.WaitAsync(cancellationToken);
        try
        {
            return await undeliverable.AddAsync(Sender, [letter], transaction, outbox.Letters, cancellationToken);
        }
        finally
        {
            connection.Release();
        }
    }
}

using AgentLightning.Infrastructure.Messaging.DeadLetters;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Gives up on rows whose send failed for the <see cref="SchedulerOptions.MaxDeliveryAttempts"/>th time. Their dead
/// letters are stored before the pass's transaction deletes the rows: a crash in between leaves the rows, and
/// giving up on them again adds nothing to the store.
/// </summary>
internal sealed class SchedulerDeadLettering(UndeliverableMessages undeliverable, IOptions<SchedulerOptions> options, TimeProvider clock)
{
    public const string Sender = "scheduler";

    /// <summary>The token ids of the rows that are dead letters now; none while the store or the broker is away.</summary>
    public async Task<IReadOnlySet<Guid>> TryGiveUpAsync(IReadOnlyList<(ScheduledMessageEntry Entry, Exception Error)> failed, CancellationToken cancellationToken)
    {
        var exhausted = failed.Where(f => f.Entry.Attempts + 1 >= options.Value.MaxDeliveryAttempts && undeliverable.MayGiveUp(f.Error)).ToList();
        if (exhausted.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var now = clock.GetUtcNow();
        var messages = exhausted.Select(f => new UndeliverableMessage
        {
            MessageId = f.Entry.MessageId,
            CorrelationId = f.Entry.CorrelationId,
            MessageTypes = f.Entry.MessageType,
            ContentType = f.Entry.ContentType,
            Body = f.Entry.Body,
            Headers = f.Entry.Headers,
            Destination = f.Entry.DestinationAddress,
            Error = f.Error,
            Attempts = f.Entry.Attempts + 1,
            FirstFailedAt = f.Entry.FirstFailedAt is { } first ? new DateTimeOffset(first, TimeSpan.Zero) : now,
            LastFailedAt = now,
        }).ToList();
        return await undeliverable.AddAsync(Sender, messages, cancellationToken)
            ? exhausted.Select(f => f.Entry.TokenId).ToHashSet()
            : new HashSet<Guid>();
    }
}

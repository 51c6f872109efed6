using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// Gives up on rows whose send failed for the <see cref="SchedulerOptions.MaxDeliveryAttempts"/>th time. Their dead
/// letters are written in the pass's transaction, which also deletes the rows: both commit together, or neither does
/// and the rows are tried again. A row retried for longer than the inbox remembers (<see cref="InDoubtDeliveryException"/>)
/// is given up on whatever its attempts and the bus's health.
/// </summary>
internal sealed class SchedulerDeadLettering(UndeliverableMessages undeliverable, IOptions<SchedulerOptions> options, TimeProvider clock)
{
    public const string Sender = "scheduler";

    /// <summary>The token ids of the rows that are dead letters now; none while the store or the broker is away.</summary>
    /// <remarks>The letters written go to <paramref name="toCount"/>, for <see cref="CountFailed"/> after the pass commits.</remarks>
    public async Task<IReadOnlySet<Guid>> TryGiveUpAsync(
        IReadOnlyList<(ScheduledMessageEntry Entry, Exception Error)> failed, NpgsqlTransaction transaction, ICollection<DeadLetterCapture> toCount,
        CancellationToken cancellationToken)
    {
        var exhausted = failed.Where(f => f.Error is InDoubtDeliveryException
            || (f.Entry.Attempts + 1 >= options.Value.MaxDeliveryAttempts && undeliverable.MayGiveUp(f.Error))).ToList();
        if (exhausted.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var now = clock.GetUtcNow();
        var messages = exhausted.Select(f => new UndeliverableMessage
        {
            Message = f.Entry.ToCaptured(),
            Error = f.Error,
            Attempts = f.Entry.Attempts + 1,
            FirstFailedAt = f.Entry.FirstFailedAt is { } first ? new DateTimeOffset(first, TimeSpan.Zero) : now,
            LastFailedAt = now,
        }).ToList();
        return await undeliverable.AddAsync(Sender, messages, transaction, toCount, cancellationToken)
            ? exhausted.Select(f => f.Entry.TokenId).ToHashSet()
            : new HashSet<Guid>();
    }

    public void CountFailed(IReadOnlyList<DeadLetterCapture> letters) => undeliverable.CountFailed(letters);
}

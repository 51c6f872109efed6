using AgentLightning.Infrastructure.Paging;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// What an operator can do with dead letters. Retrying sends the message back to the queue it failed on, with
/// its original MessageId and headers (without MassTransit's fault headers, plus AL-Replay-Count), confirmed by
/// the broker before the letter is marked replayed. Every action is audited in <c>dead_letter_actions</c>.
/// Acting on a letter that is not in the right state throws DataConflictException; an unknown id
/// EntityNotFoundException.
/// </summary>
public interface IDeadLetterReplayer
{
    /// <summary>A page of letters, newest failure first.</summary>
    Task<Page<DeadLetterSummary>> ListAsync(DeadLetterFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The letter with its audit trail, or null.</summary>
    Task<DeadLetterDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a pending letter back unchanged; or, when the inbox shows its message already took effect, sends nothing
    /// and marks it <see cref="DeadLetterStatus.AlreadyApplied"/> (audited as a retry with outcome already-applied).
    /// </summary>
    Task<DeadLetter> RetryAsync(Guid id, string actor, CancellationToken cancellationToken = default);

    /// <summary>Sends a pending letter back with a corrected body (UTF-8); the audit keeps both bodies' SHA-256.</summary>
    Task<DeadLetter> RetryEditedAsync(Guid id, string newBody, string actor, CancellationToken cancellationToken = default);

    /// <summary>Puts a pending or replayed letter aside for good.</summary>
    Task<DeadLetter> ArchiveAsync(Guid id, string actor, CancellationToken cancellationToken = default);
}

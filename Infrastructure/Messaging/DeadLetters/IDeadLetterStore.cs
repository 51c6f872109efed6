using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>Where every service's dead letters go: one PostgreSQL table shared by the platform.</summary>
public interface IDeadLetterStore
{
    /// <summary>
    /// Adds the messages in one transaction and returns how many became new dead letters or failures after a
    /// replay; a message already captured (same source queue and message id, not replayed since) changes nothing.
    /// Throws when the database cannot take them: the caller keeps them and tries again.
    /// </summary>
    Task<int> AddAsync(IReadOnlyList<DeadLetterCapture> captures, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same in the caller's transaction (PostgreSQL, the same database): a sender that gives up on a message adds
    /// its letter and deletes its own row in one commit, so a crash leaves both or neither. Returns the captures that
    /// became letters, not yet counted: the caller counts them (<see cref="CountFailed"/>) once its commit succeeded.
    /// </summary>
    Task<IReadOnlyList<DeadLetterCapture>> AddAsync(
        IReadOnlyList<DeadLetterCapture> captures, NpgsqlTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>Counts letters added in a caller's transaction in events_failed_total, after that transaction committed.</summary>
    void CountFailed(IReadOnlyList<DeadLetterCapture> letters);
}

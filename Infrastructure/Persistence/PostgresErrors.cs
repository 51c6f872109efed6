using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence;

public static class PostgresErrors
{
    /// <summary>PostgreSQL answered the statement (or the commit) with an error: it certainly did not take effect.</summary>
    public static bool IsRefused(Exception exception) => exception switch
    {
        PostgresException or DbUpdateConcurrencyException or DbUpdateException { InnerException: PostgresException } => true,

        // Npgsql's execution strategy wraps what it takes for transient (a deadlock, or a lost connection).
        InvalidOperationException { InnerException: { } inner } => IsRefused(inner),
        _ => false,
    };

    /// <summary>
    /// PostgreSQL could not be reached or could not serve the statement for now (connection refused or lost, pool
    /// exhausted, server shutting down, a timeout): nothing is wrong with the request, it may succeed later.
    /// </summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } or TimeoutException => true,

        // EF Core wraps what the connection threw (a failed save, an execution strategy that gave up).
        DbUpdateException or InvalidOperationException when exception.InnerException is { } inner => IsOutage(inner),
        _ => false,
    };

    /// <summary>Turns lost races (concurrency token, unique key, foreign key) into <see cref="DataConflictException"/>; anything else is rethrown as is.</summary>
    public static Exception Translate(Exception exception, string entityType, string id) => exception switch
    {
        DbUpdateConcurrencyException => new DataConflictException(entityType, id, "was changed by someone else", exception),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            new DataConflictException(entityType, id, "already exists", exception),

        // A reference the write relies on went away meanwhile (an agent deleted under its new knowledge item, or
        // an item added under an agent being deleted): a lost race, which a retry resolves.
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } } =>
            new DataConflictException(entityType, id, "refers to something that was deleted meanwhile", exception),
        _ => exception,
    };
}

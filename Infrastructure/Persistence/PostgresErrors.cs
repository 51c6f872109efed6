using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLightning.Infrastructure.Persistence;

internal static class PostgresErrors
{
    /// <summary>Turns lost races into <see cref="DataConflictException"/>; anything else is rethrown as is.</summary>
    public static Exception Translate(Exception exception, string entityType, string id) => exception switch
    {
        DbUpdateConcurrencyException => new DataConflictException(entityType, id, "was changed by someone else", exception),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            new DataConflictException(entityType, id, "already exists", exception),
        _ => exception,
    };
}

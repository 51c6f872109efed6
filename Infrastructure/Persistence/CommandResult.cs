using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence;

public enum CommandOutcome
{
    Applied,
    Unchanged,
    NotFound,
    Conflict,
}

/// <summary>
/// What a change request came to. Refusals are values found before anything is written, so a consumer can
/// acknowledge them knowing its transaction holds no half-made change or staged event.
/// </summary>
public sealed record CommandResult<T>(CommandOutcome Outcome, T? Value, string EntityType, string EntityId, string? Reason = null)
    where T : class, IAggregate
{
    public static CommandResult<T> Applied(T value) => new(CommandOutcome.Applied, value, T.AggregateType, value.Key);

    public static CommandResult<T> Unchanged(T value) => new(CommandOutcome.Unchanged, value, T.AggregateType, value.Key);

    public static CommandResult<T> NotFound(string entityType, string id) => new(CommandOutcome.NotFound, null, entityType, id);

    public static CommandResult<T> Conflict(T current, string reason) => new(CommandOutcome.Conflict, current, T.AggregateType, current.Key, reason);

    /// <summary>A refusal about another aggregate the command refers to (an inactive agent for a task).</summary>
    public static CommandResult<T> Conflict(string entityType, string id, string reason) => new(CommandOutcome.Conflict, null, entityType, id, reason);

    /// <summary>For HTTP: refusals become the exceptions the service defaults answer with 404 and 409.</summary>
    public T Require() => Outcome switch
    {
        CommandOutcome.NotFound => throw new EntityNotFoundException(EntityType, EntityId),
        CommandOutcome.Conflict => throw new DataConflictException(EntityType, EntityId, Reason ?? "conflicts with the current state"),
        _ => Value!,
    };
}

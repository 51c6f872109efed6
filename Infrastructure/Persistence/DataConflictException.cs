namespace AgentLightning.Infrastructure.Persistence;

/// <summary>
/// A write lost a race: the key already exists, or the aggregate changed since it was read (HTTP 409).
/// </summary>
public sealed class DataConflictException(string entityType, string id, string reason, Exception? inner = null)
    : Exception($"{entityType} '{id}': {reason}", inner)
{
    public string EntityType { get; } = entityType;

    public string EntityId { get; } = id;
}

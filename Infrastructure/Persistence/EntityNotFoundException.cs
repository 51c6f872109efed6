namespace AgentLightning.Infrastructure.Persistence;

/// <summary>The aggregate asked for does not exist (HTTP 404).</summary>
public sealed class EntityNotFoundException(string entityType, string id)
    : Exception($"{entityType} '{id}' was not found.")
{
    public string EntityType { get; } = entityType;

    public string EntityId { get; } = id;
}

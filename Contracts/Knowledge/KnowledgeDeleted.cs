namespace AgentLightning.Contracts.Knowledge;

public sealed record KnowledgeDeleted
{
    public required Guid KnowledgeId { get; init; }

    public required string AgentId { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

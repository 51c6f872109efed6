namespace AgentLightning.Contracts.Knowledge;

public sealed record DeleteKnowledge
{
    public required Guid KnowledgeId { get; init; }

    public long? ExpectedVersion { get; init; }
}

using System.Text.Json;

namespace AgentLightning.Contracts.Knowledge;

public sealed record KnowledgeUpdated
{
    public required Guid KnowledgeId { get; init; }

    public required string AgentId { get; init; }

    public required string Category { get; init; }

    public required string Content { get; init; }

    public string? Source { get; init; }

    public JsonElement? Metadata { get; init; }

    public double RelevanceScore { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

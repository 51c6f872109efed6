using System.Text.Json;

namespace AgentLightning.Contracts.Knowledge;

/// <summary>Adds a knowledge item under the id the caller chose, so a retry cannot add it twice.</summary>
public sealed record AddKnowledge
{
    public required Guid KnowledgeId { get; init; }

    public required string AgentId { get; init; }

    public required string Category { get; init; }

    public required string Content { get; init; }

    public string? Source { get; init; }

    public JsonElement? Metadata { get; init; }

    public double RelevanceScore { get; init; }
}

using System.Text.Json;

namespace AgentLightning.Contracts.Knowledge;

/// <summary>
/// Replaces the item's content; a whole state rather than a patch, so redelivery is harmless.
/// </summary>
public sealed record UpdateKnowledge
{
    public required Guid KnowledgeId { get; init; }

    public required string Category { get; init; }

    public required string Content { get; init; }

    public string? Source { get; init; }

    public JsonElement? Metadata { get; init; }

    public double RelevanceScore { get; init; }

    public long? ExpectedVersion { get; init; }
}

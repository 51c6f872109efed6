using System.Text.Json;
using AgentLightning.AgentDesigner.Application;

namespace AgentLightning.AgentDesigner.Endpoints.Knowledge;

/// <summary>The whole item: an absent optional field is cleared, not kept.</summary>
internal sealed record UpdateKnowledgeRequest(string? Category, string? Content, string? Source, JsonElement? Metadata, double? RelevanceScore)
{
    public KnowledgeDefinition ToDefinition() => new(Category ?? "", Content ?? "", Source, Metadata, RelevanceScore ?? 0);
}

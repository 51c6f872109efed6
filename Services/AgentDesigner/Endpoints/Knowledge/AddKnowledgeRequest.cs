using System.Text.Json;
using AgentLightning.AgentDesigner.Application;

namespace AgentLightning.AgentDesigner.Endpoints.Knowledge;

/// <summary>The id is optional: a caller that sends one can retry without adding the item twice.</summary>
internal sealed record AddKnowledgeRequest(
    Guid? Id, string? Category, string? Content, string? Source, JsonElement? Metadata, double? RelevanceScore)
{
    public KnowledgeDefinition ToDefinition() => new(Category ?? "", Content ?? "", Source, Metadata, RelevanceScore ?? 0);
}

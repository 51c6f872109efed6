using System.Text.Json;
using AgentLightning.AgentDesigner.Application;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.AgentDesigner.Endpoints.Knowledge;

internal sealed record KnowledgeResponse(
    Guid Id, string AgentId, string Category, string Content, string? Source, JsonElement Metadata, int UsageCount,
    double RelevanceScore, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, long Version)
{
    public static KnowledgeResponse From(KnowledgeItem item) => new(
        item.Id, item.AgentId, item.Category, item.Content, item.Source, Fields.ToElement(item.Metadata), item.UsageCount,
        item.RelevanceScore, item.CreatedAt, item.LastUsedAt, item.Version);
}

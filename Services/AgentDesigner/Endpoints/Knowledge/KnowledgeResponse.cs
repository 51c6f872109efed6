using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.AgentDesigner.Endpoints.Knowledge;

internal sealed record KnowledgeResponse(
    Guid Id, string AgentId, string Category, string Content, string? Source, JsonElement Metadata, int UsageCount,
    double RelevanceScore, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, long Version, float? Rank = null)
{
    /// <summary>A search hit, with its ts_rank.</summary>
    public static KnowledgeResponse From(KnowledgeHit hit) => From(hit.Item) with { Rank = hit.Rank };

    public static KnowledgeResponse From(KnowledgeItem item) => new(
        item.Id, item.AgentId, item.Category, item.Content, item.Source, Fields.ToElement(item.Metadata), item.UsageCount,
        item.RelevanceScore, item.CreatedAt, item.LastUsedAt, item.Version);
}

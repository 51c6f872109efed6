using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.AgentDesigner.Application;

/// <summary>The events of a knowledge item, built from its state after the change (so they carry the new version).</summary>
internal static class KnowledgeEvents
{
    public static KnowledgeAdded Added(KnowledgeItem item, DateTimeOffset at) => new()
    {
        KnowledgeId = item.Id,
        AgentId = item.AgentId,
        Category = item.Category,
        Content = item.Content,
        Source = item.Source,
        Metadata = Fields.ToElement(item.Metadata),
        RelevanceScore = item.RelevanceScore,
        Version = item.Version,
        OccurredAt = at,
    };

    public static KnowledgeUpdated Updated(KnowledgeItem item, DateTimeOffset at) => new()
    {
        KnowledgeId = item.Id,
        AgentId = item.AgentId,
        Category = item.Category,
        Content = item.Content,
        Source = item.Source,
        Metadata = Fields.ToElement(item.Metadata),
        RelevanceScore = item.RelevanceScore,
        Version = item.Version,
        OccurredAt = at,
    };

    public static KnowledgeDeleted Deleted(KnowledgeItem item, DateTimeOffset at) => new()
    {
        KnowledgeId = item.Id,
        AgentId = item.AgentId,
        Version = item.Version,
        OccurredAt = at,
    };
}

using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>A knowledge item a search found, with its ts_rank (higher is more relevant).</summary>
public sealed record KnowledgeHit(KnowledgeItem Item, float Rank);

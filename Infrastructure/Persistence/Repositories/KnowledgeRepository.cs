using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed class KnowledgeRepository : CachedRepository<KnowledgeItem, Guid>
{
    internal KnowledgeRepository(RepositoryServices services) : base(services)
    {
    }

    protected override string EventPrefix => "Knowledge";

    /// <summary>Filters the cached list of all items: one list entry to keep fresh instead of one per agent.</summary>
    public async Task<IReadOnlyList<KnowledgeItem>> ListOfAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken)).Where(k => k.AgentId == agentId)];

    protected override void Validate(KnowledgeItem item)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(item.AgentId, "agentId");
        ArgumentException.ThrowIfNullOrWhiteSpace(item.Category, "category");
        ArgumentException.ThrowIfNullOrWhiteSpace(item.Content, "content");
        JsonFields.RequireObject(item.Metadata, "metadata");
    }

    protected override void Stamp(KnowledgeItem item, DateTimeOffset now, bool created)
    {
        if (created)
        {
            item.CreatedAt = now;
        }
    }

    protected override IQueryable<KnowledgeItem> OrderForList(IQueryable<KnowledgeItem> query) =>
        query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id);
}

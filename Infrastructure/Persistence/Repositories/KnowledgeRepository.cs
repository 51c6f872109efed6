using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed partial class KnowledgeRepository : CachedRepository<KnowledgeItem, Guid>
{
    private readonly RepositoryServices _services;

    internal KnowledgeRepository(RepositoryServices services) : base(services) => _services = services;

    protected override string EventPrefix => "Knowledge";

    /// <summary>Filters the cached list of all items: one list entry to keep fresh instead of one per agent.</summary>
    public async Task<IReadOnlyList<KnowledgeItem>> ListOfAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken)).Where(k => k.AgentId == agentId)];

    /// <summary>
    /// The ids of an agent's items as the caller's transaction sees them, not the cache: what must be deleted
    /// before the agent can be (the foreign key restricts it), so nothing staler than the database will do.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> IdsOfAgentForWriteAsync(string agentId, CancellationToken cancellationToken = default) =>
        await _services.Db.Knowledge.Where(k => k.AgentId == agentId).OrderBy(k => k.Id).Select(k => k.Id).ToListAsync(cancellationToken);

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

using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed partial class AgentRepository
{
    /// <summary>
    /// One page of agents by id, read from PostgreSQL (never the cache, so a read after a write sees it): one
    /// keyset query on an index per filter ((status, id), (model, id), (specialization, id), a trigram index on
    /// the name), costing the same on the last page as on the first.
    /// </summary>
    public Task<Page<Agent>> PageAsync(AgentListFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        _ = page.Size; // a bad limit is a 400 before any read, not an error inside the retried one
        filter.Validate();
        var after = page.AfterKey;
        var pattern = filter.NamePattern;
        return ReadAsync(db =>
        {
            var query = db.Agents.AsNoTracking();
            if (!string.IsNullOrEmpty(filter.Status))
            {
                query = query.Where(a => a.Status == filter.Status);
            }

            if (!string.IsNullOrEmpty(filter.Model))
            {
                query = query.Where(a => a.Model == filter.Model);
            }

            if (!string.IsNullOrEmpty(filter.Specialization))
            {
                query = query.Where(a => a.Specialization == filter.Specialization);
            }

            if (pattern is not null)
            {
                query = query.Where(a => EF.Functions.ILike(a.Name, pattern, @"\"));
            }

            if (after is not null)
            {
                query = query.Where(a => string.Compare(a.Id, after) > 0);
            }

            return query.OrderBy(a => a.Id).ToPageAsync(page, a => [a.Id], cancellationToken);
        }, cancellationToken);
    }
}

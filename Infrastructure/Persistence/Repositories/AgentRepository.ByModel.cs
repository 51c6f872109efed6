using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

public sealed partial class AgentRepository
{
    /// <summary>
    /// One page of the agents configured with <paramref name="model"/>, by id. Read from PostgreSQL, not the
    /// cache: a write has committed there before it returns, so a change made a moment ago by any service shows.
    /// </summary>
    public Task<Page<Agent>> ListByModelAsync(string model, PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = page.AfterKey;
        return ReadAsync(db =>
        {
            var query = db.Agents.AsNoTracking().Where(a => a.Model == model);
            if (after is not null)
            {
                query = query.Where(a => string.Compare(a.Id, after) > 0);
            }

            return query.OrderBy(a => a.Id).ToPageAsync(page, a => [a.Id], cancellationToken);
        }, cancellationToken);
    }
}

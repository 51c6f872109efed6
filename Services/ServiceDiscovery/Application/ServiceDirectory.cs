using AgentLightning.Infrastructure.Discovery;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.ServiceDiscovery.Application;

/// <summary>A known service (one that registered an instance) with its live instances, read from PostgreSQL on every call.</summary>
internal sealed record ServiceView(string Name, string Status, IReadOnlyList<ServiceInstance> Instances);

internal sealed class ServiceDirectory(AgentLightningDbContext db, ServiceRegistry registry)
{
    /// <summary>
    /// Services by name: those with a registered instance (live or expired, until purged) and those the monitor has
    /// announced, so a service whose last instance stopped stays listed as unhealthy with no instance.
    /// </summary>
    public async Task<Page<ServiceView>> PageAsync(PageRequest page, CancellationToken cancellationToken)
    {
        _ = page.Size;
        var after = page.AfterKey;
        var names = KnownNames();
        if (after is not null)
        {
            names = names.Where(n => string.Compare(n, after) > 0);
        }

        var found = await names.OrderBy(n => n).ToPageAsync(page, n => [n], cancellationToken);
        var live = await LiveAsync(found.Items, cancellationToken);
        return found.Select(name => View(name, live));
    }

    public async Task<ServiceView?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!await KnownNames().AnyAsync(n => n == name, cancellationToken))
        {
            return null;
        }

        return View(name, await LiveAsync([name], cancellationToken));
    }

    private IQueryable<string> KnownNames() =>
        db.ServiceInstances.Select(i => i.Service).Union(db.ServiceHealth.Select(h => h.Service));

    private async Task<ILookup<string, ServiceInstance>> LiveAsync(IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        var live = await registry.Live(db).AsNoTracking()
            .Where(i => services.Contains(i.Service))
            .OrderBy(i => i.Service).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        return live.ToLookup(i => i.Service);
    }

    private static ServiceView View(string name, ILookup<string, ServiceInstance> live)
    {
        var instances = live[name].ToList();
        return new ServiceView(name, ServiceStatus.Of(instances), instances);
    }
}

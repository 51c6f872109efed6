using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Discovery;

/// <summary>
/// The registry of running instances, a table in the shared database: instances write it themselves (no token,
/// no Service Discovery needed), and anyone reads it. Heartbeats and expiry use the database's clock, so the
/// machines' clocks need not agree.
/// </summary>
public sealed class ServiceRegistry(IDbContextFactory<AgentLightningDbContext> contexts, IOptions<DiscoveryOptions> options)
{
    /// <summary>Registers the instance or refreshes its heartbeat and readiness: one statement, also after its row was purged.</summary>
    public async Task HeartbeatAsync(ServiceInstance instance, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO service_instances (id, service, base_url, version, started_at, last_heartbeat, readiness)
            VALUES ({instance.Id}, {instance.Service}, {instance.BaseUrl}, {instance.Version}, {instance.StartedAt}, now(), {instance.Readiness})
            ON CONFLICT (id) DO UPDATE SET last_heartbeat = now(), readiness = excluded.readiness, base_url = excluded.base_url
            """, cancellationToken);
    }

    public async Task RemoveAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ServiceInstances.Where(i => i.Id == instanceId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The instances whose heartbeat is within the expiry, for the caller to filter, order and page.</summary>
    public IQueryable<ServiceInstance> Live(AgentLightningDbContext db) =>
        db.ServiceInstances.FromSql($"SELECT * FROM service_instances WHERE last_heartbeat > now() - {options.Value.Expiry}");

    /// <summary>The live instances of <paramref name="service"/> whose readiness checks passed: the ones to send a request to.</summary>
    public async Task<IReadOnlyList<ServiceInstance>> ReadyInstancesAsync(string service, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Live(db).AsNoTracking()
            .Where(i => i.Service == service && i.Readiness != HealthStatuses.Unhealthy)
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken);
    }
}

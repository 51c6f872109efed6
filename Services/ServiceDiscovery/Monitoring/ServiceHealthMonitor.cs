using AgentLightning.Infrastructure.Discovery;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.ServiceDiscovery.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentLightning.ServiceDiscovery.Monitoring;

/// <summary>
/// Every Service Discovery instance runs one: it compares each known service's health (from its live instances) with
/// the last announced one and announces the difference (<see cref="HealthAnnouncements"/>: once, whichever monitor
/// wins), and purges the rows of instances gone longer than the retention.
/// </summary>
internal sealed class ServiceHealthMonitor(
    IServiceScopeFactory scopes, ServiceRegistry registry, HealthAnnouncements announcements, IOptions<MonitorOptions> options,
    TimeProvider clock, ILogger<ServiceHealthMonitor> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MonitorInterval;
        return new OutageBackoff("Service health monitor", interval, TimeSpan.FromSeconds(30), logger, clock).RepeatAsync(PassAsync, interval, stoppingToken);
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> announced;
        ILookup<string, ServiceInstance> live;
        List<string> registered;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>();
            await db.Database.ExecuteSqlAsync($"DELETE FROM service_instances WHERE last_heartbeat < now() - {options.Value.Retention}", cancellationToken);
            announced = await db.ServiceHealth.AsNoTracking().ToDictionaryAsync(h => h.Service, h => h.Status, cancellationToken);
            registered = await db.ServiceInstances.Select(i => i.Service).Distinct().ToListAsync(cancellationToken);
            live = (await registry.Live(db).AsNoTracking().ToListAsync(cancellationToken)).ToLookup(i => i.Service);
        }

        foreach (var service in registered.Union(announced.Keys))
        {
            var instances = live[service].ToList();
            var status = ServiceStatus.Of(instances);
            var previous = announced.GetValueOrDefault(service);
            if (status != previous)
            {
                await announcements.AnnounceAsync(service, previous, status, ServiceStatus.Detail(instances), cancellationToken);
            }
        }
    }
}

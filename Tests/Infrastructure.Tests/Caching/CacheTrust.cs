using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>Waits on services' trust in Redis, and reads and writes agents as one request of a service would.</summary>
internal static class CacheTrust
{
    public static Task UntilTrusted(params PlatformTestHost[] services) => Eventually.Until(
        () => services.All(s => s.Services.GetRequiredService<CacheGeneration>().IsTrusted), "every service trusts Redis");

    /// <summary>Every service trusts Redis at PostgreSQL's generation: whatever a write bumped, it has seen.</summary>
    public static Task UntilSynchronised(params PlatformTestHost[] services) => Eventually.Until(async () =>
    {
        foreach (var service in services)
        {
            var generation = service.Services.GetRequiredService<CacheGeneration>();
            if (!generation.IsTrusted || await generation.IsBehindPostgresAsync(CancellationToken.None))
            {
                return false;
            }
        }

        return true;
    }, "every service trusts Redis at PostgreSQL's cache generation");

    public static Task<Agent?> Get(PlatformTestHost host, string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));

    public static Task<IReadOnlyList<Agent>> List(PlatformTestHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());

    public static Task Update(PlatformTestHost host, string id, string name) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = name));
}

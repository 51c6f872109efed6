using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;
using AgentLightning.Testing;

namespace AgentLightning.Infrastructure.Tests.Caching;

public sealed class When_agents_are_read_through_the_cache : TwoServices
{
    private static Task<Agent?> Get(PlatformTestHost host, string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));

    [Test]
    public async Task Should_fill_the_cache_on_a_miss_and_serve_the_next_read_from_it()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        var cache = ServiceB.Services.GetRequiredService<EntityCache>();
        await FlushCacheAsync();
        Assert.That((await cache.ReadAsync<Agent>(id)).State, Is.EqualTo(CacheLookupState.Miss));

        await Get(ServiceB, id);
        Assert.That((await cache.ReadAsync<Agent>(id)).State, Is.EqualTo(CacheLookupState.Hit));

        // Changed behind the platform's back: only a read served by Redis still sees the old name.
        await Database.ExecuteAsync($"UPDATE agents SET name = 'changed in sql' WHERE id = '{id}'");
        var agent = await Get(ServiceB, id);
        Assert.That(agent!.Name, Is.EqualTo("Test Agent"));
    }

    [Test]
    public async Task Should_drop_the_cached_list_when_an_agent_is_created_updated_or_deleted()
    {
        var first = Samples.AgentId();
        var second = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(first)));
        var before = await ListIds(ServiceB);
        Assert.That(before, Does.Contain(first));
        Assert.That(await ListIds(ServiceB), Is.EqualTo(before), "second read is the cached list");

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(second)));
        Assert.That(await ListIds(ServiceB), Does.Contain(second));

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(second, a => a.Name = "renamed"));
        var listed = await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());
        Assert.That(listed.Single(a => a.Id == second).Name, Is.EqualTo("renamed"));

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().DeleteAsync(second));
        Assert.That(await ListIds(ServiceB), Does.Not.Contain(second));
    }

    [Test]
    public async Task Should_serve_a_deleted_agent_as_missing_from_every_service()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        Assert.That(await Get(ServiceB, id), Is.Not.Null);

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().DeleteAsync(id));

        Assert.That(await Get(ServiceB, id), Is.Null);
        Assert.That(await Get(ServiceA, id), Is.Null);
    }

    [Test]
    public async Task Should_load_a_cold_key_from_postgres_once_however_many_readers_miss_it()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        await FlushCacheAsync();
        using var queries = new StatementCounter("FROM agents");

        var reads = Enumerable.Range(0, 50).Select(_ => Get(ServiceB, id));
        var agents = await Task.WhenAll(reads);

        Assert.That(agents, Has.All.Not.Null);
        Assert.That(queries.Count, Is.EqualTo(1));
    }

    private static async Task<List<string>> ListIds(PlatformTestHost host) =>
        (await host.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync())).Select(a => a.Id).ToList();

    private async Task FlushCacheAsync()
    {
        var redis = ServiceB.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        var server = ServiceB.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: $"al:{CacheSchema}:g*"))
        {
            await redis.KeyDeleteAsync(key);
        }
    }
}

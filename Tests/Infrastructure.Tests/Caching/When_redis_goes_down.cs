using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Runs on a Redis server of its own, stopped with its data saved to disk so that, when it comes back,
/// every entry cached before the outage is still there: none of them may be served.
/// </summary>
[NonParallelizable]
public sealed class When_redis_goes_down : TwoServices
{
    private RedisInstance _redis = null!;

    protected override string Redis => _redis.ConnectionString;

    protected override async Task BeforeServicesStart() => _redis = await RedisInstance.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    [Test]
    public async Task Should_keep_reading_and_writing_and_serve_no_stale_entry_when_it_returns()
    {
        var id = Samples.AgentId();
        await WaitUntilBothTrustRedis();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        Assert.That((await Get(ServiceB, id))!.Name, Is.EqualTo("before"));
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());

        await _redis.StopKeepingDataAsync();

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "during"));
        var created = Samples.AgentId();
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(created, "created during")));
        Assert.That((await Get(ServiceB, id))!.Name, Is.EqualTo("during"));
        Assert.That((await Get(ServiceA, created))!.Name, Is.EqualTo("created during"));

        await _redis.StartAgainAsync();
        await WaitUntilBothTrustRedis();

        foreach (var service in new[] { ServiceA, ServiceB })
        {
            Assert.That((await Get(service, id))!.Name, Is.EqualTo("during"));
            var listed = await service.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());
            Assert.That(listed.Single(a => a.Id == id).Name, Is.EqualTo("during"));
            Assert.That(listed.Select(a => a.Id), Does.Contain(created));
        }

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "after"));
        Assert.That((await Get(ServiceB, id))!.Name, Is.EqualTo("after"));
        Assert.That((await ServiceB.Services.GetRequiredService<EntityCache>().ReadAsync<Agent>(id)).State,
            Is.EqualTo(CacheLookupState.Hit), "the cache is in use again");
    }

    private static Task<Agent?> Get(PlatformTestHost host, string id) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));

    private Task WaitUntilBothTrustRedis() => Eventually.Until(
        () => ServiceA.Services.GetRequiredService<CacheGeneration>().IsTrusted && ServiceB.Services.GetRequiredService<CacheGeneration>().IsTrusted,
        "both services trust Redis again");
}

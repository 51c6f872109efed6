using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Runs on a Redis server of its own, stopped with its data saved to disk so that, when it comes back,
/// every entry cached before the outage is still there: none of them may be served.
/// </summary>
public sealed class When_redis_goes_down : OnItsOwnRedis
{
    [Test]
    public async Task Should_keep_reading_and_writing_and_serve_no_stale_entry_when_it_returns()
    {
        var id = Samples.AgentId();
        await WaitUntilBothTrustRedis();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        Assert.That((await CacheTrust.Get(ServiceB, id))!.Name, Is.EqualTo("before"));
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());

        await RedisServer.StopKeepingDataAsync();

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "during"));
        var created = Samples.AgentId();
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(created, "created during")));
        Assert.That((await CacheTrust.Get(ServiceB, id))!.Name, Is.EqualTo("during"));
        Assert.That((await CacheTrust.Get(ServiceA, created))!.Name, Is.EqualTo("created during"));

        await RedisServer.StartAgainAsync();
        await WaitUntilBothTrustRedis();

        foreach (var service in new[] { ServiceA, ServiceB })
        {
            Assert.That((await CacheTrust.Get(service, id))!.Name, Is.EqualTo("during"));
            var listed = await service.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());
            Assert.That(listed.Single(a => a.Id == id).Name, Is.EqualTo("during"));
            Assert.That(listed.Select(a => a.Id), Does.Contain(created));
        }

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "after"));
        Assert.That((await CacheTrust.Get(ServiceB, id))!.Name, Is.EqualTo("after"));
        Assert.That((await ServiceB.Services.GetRequiredService<EntityCache>().ReadAsync<Agent>(id)).State,
            Is.EqualTo(CacheLookupState.Hit), "the cache is in use again");
    }
}

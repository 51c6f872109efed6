using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Regression: a Redis restarted from a snapshot older than a successful write (or a promoted replica that
/// had not received it) brought the old entry back under the same epoch, and it was served.
/// </summary>
public sealed class When_redis_comes_back_from_an_old_snapshot : OnItsOwnRedis
{
    [Test]
    public async Task Should_trust_nothing_written_before_the_restart()
    {
        var id = Samples.AgentId();
        await WaitUntilBothTrustRedis();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        Assert.That((await CacheTrust.Get(ServiceB, id))!.Name, Is.EqualTo("before"));
        await CacheTrust.List(ServiceB);
        await CacheTrust.List(ServiceB);
        await RedisServer.SaveAsync();
        await CacheTrust.Update(ServiceA, id, "after");
        Assert.That((await CacheTrust.Get(ServiceB, id))!.Name, Is.EqualTo("after"));

        await RedisServer.StopAsync();
        await RedisServer.StartAgainAsync();
        await WaitUntilBothSynchronised();

        foreach (var service in new[] { ServiceA, ServiceB })
        {
            Assert.That((await CacheTrust.Get(service, id))!.Name, Is.EqualTo("after"));
            Assert.That((await CacheTrust.List(service)).Single(a => a.Id == id).Name, Is.EqualTo("after"));
        }
    }
}

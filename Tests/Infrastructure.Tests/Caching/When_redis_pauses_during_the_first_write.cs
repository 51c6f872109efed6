using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Regression: on a fresh database the first bump of the cache generation did nothing (a sequence's first
/// nextval returns its start value), so one write during an outage left every reader on the old value.
/// </summary>
public sealed class When_redis_pauses_during_the_first_write : OnItsOwnRedis
{
    [Test]
    public async Task Should_serve_the_write_from_every_service_once_redis_returns()
    {
        var id = Samples.AgentId();
        await WaitUntilBothTrustRedis();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        Assert.That((await CacheTrust.Get(ServiceB, id))!.Name, Is.EqualTo("before"));
        await CacheTrust.List(ServiceB);

        await RedisServer.PauseAsync();

        // A read that times out makes A distrust Redis, so its write sends nothing that a resumed Redis would
        // still run late (a delayed mark would hide the bug).
        Assert.That((await CacheTrust.Get(ServiceA, id))!.Name, Is.EqualTo("before"));
        await Eventually.Until(() => !ServiceA.Services.GetRequiredService<CacheGeneration>().IsTrusted, "A distrusts Redis");
        await CacheTrust.Update(ServiceA, id, "during");
        await RedisServer.ResumeAsync();
        await WaitUntilBothSynchronised();

        foreach (var service in new[] { ServiceA, ServiceB })
        {
            var agent = await CacheTrust.Get(service, id);
            Assert.That((agent!.Name, agent.Version), Is.EqualTo(("during", 2L)));
            Assert.That((await CacheTrust.List(service)).Single(a => a.Id == id).Name, Is.EqualTo("during"));
        }
    }
}

using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Regression: a service remembers the last list it read by (epoch, list version). After Redis lost its data
/// the epoch came back the same and the list version climbed back from 0, so the remembered list — from before
/// the loss — was served as current.
/// </summary>
public sealed class When_redis_loses_its_data : OnItsOwnRedis
{
    [Test]
    public async Task Should_not_serve_a_list_remembered_from_before_the_loss()
    {
        var id = Samples.AgentId();
        await WaitUntilBothTrustRedis();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "before")));
        await CacheTrust.List(ServiceB);
        Assert.That((await CacheTrust.List(ServiceB)).Single(a => a.Id == id).Name, Is.EqualTo("before"), "read from the cache, and remembered");

        await RedisServer.FlushAsync();
        await CacheTrust.List(ServiceB);
        await WaitUntilBothSynchronised();
        await CacheTrust.Update(ServiceA, id, "after");

        Assert.That((await CacheTrust.List(ServiceB)).Single(a => a.Id == id).Name, Is.EqualTo("after"));
        Assert.That((await CacheTrust.Get(ServiceB, id))!.Name, Is.EqualTo("after"));
    }
}

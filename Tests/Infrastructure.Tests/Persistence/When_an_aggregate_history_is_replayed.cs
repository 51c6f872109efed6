using AgentLightning.Infrastructure.Paging;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Persistence;

public sealed class When_an_aggregate_history_is_replayed : TwoServices
{
    [Test]
    public async Task Should_return_every_change_in_order_with_the_service_that_made_it()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "second"));
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = "third"));
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().DeleteAsync(id));
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "reborn")));

        var history = (await ServiceA.InScopeAsync(sp => sp.GetRequiredService<EventLogReader>().PageAsync(Agent.AggregateType, id, PageRequest.First()))).Items;

        Assert.That(history.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
        Assert.That(history.Select(e => e.EventType), Is.EqualTo(new[] { "AgentCreated", "AgentUpdated", "AgentUpdated", "AgentDeleted", "AgentCreated" }));
        Assert.That(history.Select(e => e.Service), Is.EqualTo(new[] { "service-a", "service-b", "service-a", "service-b", "service-a" }));
        Assert.That(history[2].Data, Does.Contain("\"third\""));
        Assert.That(history[4].Data, Does.Contain("\"reborn\""));
    }

    [Test]
    public async Task Should_serve_an_agent_created_again_after_its_deletion()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().DeleteAsync(id));
        Assert.That(await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id)), Is.Null);

        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, "again")));

        var agent = await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));
        Assert.That(agent!.Name, Is.EqualTo("again"));
        Assert.That(agent.Version, Is.EqualTo(3));
    }
}

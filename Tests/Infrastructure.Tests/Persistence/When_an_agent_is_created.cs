using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Persistence;

public sealed class When_an_agent_is_created : TwoServices
{
    [Test]
    public async Task Should_persist_across_a_restart_of_the_service_that_wrote_it()
    {
        var id = Samples.AgentId();
        var writer = await StartServiceAsync("writer");
        await writer.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        await writer.DisposeAsync();

        var restarted = await StartServiceAsync("writer");
        var agent = await restarted.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));
        await restarted.DisposeAsync();

        Assert.That(agent, Is.Not.Null);
        Assert.That(agent!.Name, Is.EqualTo("Test Agent"));
        Assert.That(agent.Config, Does.Contain("temperature"));
        Assert.That(agent.Capabilities, Is.EqualTo(new[] { "search" }));
        Assert.That(agent.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Should_be_in_the_cache_right_after_the_write()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));

        var lookup = await ServiceB.Services.GetRequiredService<EntityCache>().ReadAsync<Agent>(id);

        Assert.That(lookup.State, Is.EqualTo(CacheLookupState.Hit));
        Assert.That(lookup.Value!.Name, Is.EqualTo("Test Agent"));
    }

    [Test]
    public void Should_reject_an_id_that_is_not_a_slug()
    {
        var tooLong = new string('a', Agent.MaxIdLength + 1);

        Assert.ThrowsAsync<ArgumentException>(() => ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(tooLong))));
        Assert.ThrowsAsync<ArgumentException>(() => ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent("Not A Slug"))));
    }

    [Test]
    public void Should_reject_a_config_that_is_not_a_json_object()
    {
        var agent = Samples.Agent();
        agent.Config = "[1,2";

        Assert.ThrowsAsync<ArgumentException>(() => ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(agent)));
    }
}

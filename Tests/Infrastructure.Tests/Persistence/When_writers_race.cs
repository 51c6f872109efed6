using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Persistence;

public sealed class When_writers_race : TwoServices
{
    [Test]
    public async Task Should_let_exactly_one_of_twenty_concurrent_creates_of_one_id_succeed()
    {
        var id = Samples.AgentId();
        var attempts = Enumerable.Range(0, 20).Select(i => Outcome(
            (i % 2 == 0 ? ServiceA : ServiceB).InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id, $"creator {i}")))));

        var outcomes = await Task.WhenAll(attempts);

        Assert.That(outcomes.Count(o => o is null), Is.EqualTo(1), "successes");
        Assert.That(outcomes.Count(o => o is DataConflictException), Is.EqualTo(19), "conflicts: " + string.Join("; ", outcomes.Where(o => o is not null and not DataConflictException)));
    }

    [Test]
    public async Task Should_lose_none_of_twenty_concurrent_updates()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));

        var updates = Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? ServiceA : ServiceB).InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Capabilities.Add($"skill-{i}"))));
        await Task.WhenAll(updates);

        var agent = await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));
        Assert.That(agent!.Capabilities, Has.Count.EqualTo(21));
        Assert.That(agent.Version, Is.EqualTo(21));
    }

    [Test]
    public async Task Should_refuse_an_update_made_against_an_old_version()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));

        var updates = Enumerable.Range(0, 20).Select(i => Outcome(
            (i % 2 == 0 ? ServiceA : ServiceB).InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = $"writer {i}", expectedVersion: 1))));
        var outcomes = await Task.WhenAll(updates);

        Assert.That(outcomes.Count(o => o is null), Is.EqualTo(1));
        Assert.That(outcomes.Count(o => o is DataConflictException), Is.EqualTo(19));
    }

    [Test]
    public void Should_report_a_missing_agent_as_not_found()
    {
        Assert.ThrowsAsync<EntityNotFoundException>(() =>
            ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync("no-such-agent", a => a.Name = "x")));
    }

    private static async Task<Exception?> Outcome(Task work)
    {
        try
        {
            await work;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}

using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Infrastructure.Tests.Caching;

public sealed class When_an_agent_is_updated : TwoServices
{
    [Test]
    public async Task Should_serve_the_new_value_from_every_service_at_once()
    {
        var id = Samples.AgentId();
        await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Samples.Agent(id)));
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));
        await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());

        for (var i = 1; i <= 10; i++)
        {
            var name = $"name {i}";
            await ServiceA.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().UpdateAsync(id, a => a.Name = name));

            var read = await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(id));
            var listed = await ServiceB.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());
            Assert.That(read!.Name, Is.EqualTo(name));
            Assert.That(read.Version, Is.EqualTo(i + 1));
            Assert.That(listed.Single(a => a.Id == id).Name, Is.EqualTo(name));
        }
    }
}

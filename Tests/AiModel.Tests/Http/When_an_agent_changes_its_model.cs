using System.Net;
using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AiModel.Tests.Http;

/// <summary>Agent Designer (another host on the same database and cache) changes agents; AI Model lists them by model.</summary>
public sealed class When_an_agent_changes_its_model
{
    private AiModelPlatform _platform = null!;
    private PlatformTestHost _designer = null!;
    private AiModelApp _app = null!;
    private HttpClient _viewer = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await AiModelPlatform.StartAsync(instances: 0);
        _designer = await MessagingTestHost.StartAsync(_platform.Database.ConnectionString, _platform.QueuePrefix, serviceName: "agent-designer");
        _app = new AiModelApp(_platform);
        _viewer = _app.As("viewer");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _viewer.Dispose();
        await _app.DisposeAsync();
        await _designer.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private Task<Agent> AsDesignerAsync(Func<AgentRepository, Task<Agent>> write) =>
        _designer.InScopeAsync(sp => write(sp.GetRequiredService<AgentRepository>()));

    private async Task<IReadOnlyList<string>> AgentsOfAsync(string model, string query = "")
    {
        var page = await (await _viewer.GetAsync($"/models/{model}/agents{query}")).JsonAsync(HttpStatusCode.OK);
        return [.. page.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];
    }

    [Test]
    public async Task Should_list_it_under_its_new_model_in_the_very_next_request()
    {
        await AsDesignerAsync(a => a.CreateAsync(new Agent { Id = "mover", Name = "Mover", Model = "model-a" }));
        Assert.That(await AgentsOfAsync("model-a"), Does.Contain("mover"));

        // Each round reads right after the write returns: no wait, no retry.
        for (var round = 0; round < 10; round++)
        {
            var (from, to) = round % 2 == 0 ? ("model-a", "model-b") : ("model-b", "model-a");
            await AsDesignerAsync(a => a.UpdateAsync("mover", agent => agent.Model = to));

            Assert.That(await AgentsOfAsync(to), Does.Contain("mover"), $"round {round}: under {to}");
            Assert.That(await AgentsOfAsync(from), Does.Not.Contain("mover"), $"round {round}: gone from {from}");
        }
    }

    [Test]
    public async Task Should_page_the_agents_of_a_model_by_id()
    {
        foreach (var id in new[] { "pager-3", "pager-1", "pager-2" })
        {
            await AsDesignerAsync(a => a.CreateAsync(new Agent { Id = id, Name = id, Model = "paged-model" }));
        }

        var first = await (await _viewer.GetAsync("/models/paged-model/agents?limit=2")).JsonAsync(HttpStatusCode.OK);
        var next = first.GetProperty("next").GetString();
        var second = await AgentsOfAsync("paged-model", "?limit=2&after=" + next);

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(first.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("id").GetString()), Is.EqualTo(new[] { "pager-1", "pager-2" }));
            Assert.That(second, Is.EqualTo(new[] { "pager-3" }));
        });
        await (await _viewer.GetAsync("/models/paged-model/agents?after=not-a-cursor")).JsonAsync(HttpStatusCode.BadRequest);
    }
}

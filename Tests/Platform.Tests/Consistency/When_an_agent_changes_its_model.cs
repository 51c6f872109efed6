using System.Net;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.Platform.Tests.Consistency;

/// <summary>Read-your-writes across services: the write returns, and the next read on another service sees it.</summary>
[TestFixture]
public sealed class When_an_agent_changes_its_model
{
    [Test]
    public async Task Should_be_listed_under_its_new_model_by_the_next_request_to_ai_model()
    {
        var platform = SharedPlatform.Platform;
        var token = await SharedPlatform.Accounts.TokenAsync("operator");
        var (oldModel, newModel) = (await Catalog.CreateModelAsync(platform, token), await Catalog.CreateModelAsync(platform, token));
        var agent = await Catalog.CreateAgentAsync(platform, token, oldModel);
        var id = agent.GetProperty("id").GetString()!;
        // Read once through AI Model, so its cache holds the old answer.
        Assert.That(await AgentsOfAsync(oldModel, token), Does.Contain(id));

        using (var update = await platform.AgentDesigner.Client.SendAsync(HttpMethod.Put, $"/agents/{id}", token, new
        {
            name = agent.GetProperty("name").GetString(),
            model = newModel,
            specialization = "testing",
            capabilities = new[] { "search" },
            config = new { },
        }))
        {
            await update.JsonAsync(HttpStatusCode.OK);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await AgentsOfAsync(newModel, token), Does.Contain(id), "under the new model");
            Assert.That(await AgentsOfAsync(oldModel, token), Does.Not.Contain(id), "under the old model");
        });
    }

    private static async Task<List<string?>> AgentsOfAsync(string model, string token) =>
        [.. (await Catalog.ListAllAsync(SharedPlatform.Platform.AiModel.Client, $"/models/{model}/agents", "agents", token))
            .Select(a => a.GetProperty("id").GetString())];
}

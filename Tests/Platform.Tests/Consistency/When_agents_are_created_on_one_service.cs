using System.Net;
using System.Text.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Consistency;

/// <summary>
/// The seed's inconsistency (one agent here, ten there, none after a restart), fixed: every service reads the one
/// database through the one cache, so they agree, and a restart loses nothing.
/// </summary>
[TestFixture]
public sealed class When_agents_are_created_on_one_service
{
    private const int Agents = 10;

    [Test]
    public async Task Should_be_seen_alike_by_every_service_before_and_after_a_restart()
    {
        await using var platform = await RunningPlatform.StartAsync();
        var accounts = new Accounts(platform);
        var token = await accounts.TokenAsync("operator");
        var model = await Catalog.CreateModelAsync(platform, token);
        var created = new List<string>();
        for (var i = 0; i < Agents; i++)
        {
            created.Add((await Catalog.CreateAgentAsync(platform, token, model)).GetProperty("id").GetString()!);
        }

        var before = await EveryServiceAgreesAsync(platform, token, model, created);

        await platform.RestartAsync();
        accounts.Forget();
        token = await accounts.TokenAsync("operator");
        var after = await EveryServiceAgreesAsync(platform, token, model, created);

        Assert.That(after, Is.EqualTo(before), "the agents' data after the restart");
    }

    /// <summary>Asserts that each service sees exactly <paramref name="ids"/>, and returns the agents' definitions as Agent Designer serves them.</summary>
    private static async Task<List<string>> EveryServiceAgreesAsync(RunningPlatform platform, string token, string model, List<string> ids)
    {
        var listed = await Catalog.ListAllAsync(platform.AgentDesigner.Client, "/agents?limit=3", "agents", token);
        Assert.That(listed.Select(a => a.GetProperty("id").GetString()), Is.EquivalentTo(ids), "Agent Designer's list");

        var underModel = await Catalog.ListAllAsync(platform.AiModel.Client, $"/models/{model}/agents", "agents", token);
        Assert.That(underModel.Select(a => a.GetProperty("id").GetString()), Is.EquivalentTo(ids), "AI Model's agents of the model");

        foreach (var id in ids)
        {
            using var task = await platform.WorkflowEngine.Client.SendAsync(HttpMethod.Post, "/tasks", token,
                new { agentId = id, description = "say hello", priority = 1, context = new { } });
            await task.JsonAsync(HttpStatusCode.Created);
        }

        return [.. listed.OrderBy(a => a.GetProperty("id").GetString()).Select(Definition)];
    }

    /// <summary>What the agent is, without what tasks change (metrics, availability).</summary>
    private static string Definition(JsonElement agent) => string.Join('|',
        new[] { "id", "name", "model", "specialization", "status", "capabilities", "config", "version", "createdAt" }
            .Select(p => agent.TryGetProperty(p, out var value) ? value.GetRawText() : "-"));
}

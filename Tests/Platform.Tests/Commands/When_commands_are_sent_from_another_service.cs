using System.Net;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Commands;

/// <summary>
/// Commands from any service: 500 CreateAgent posted to Workflow Engine's command intake reach Agent Designer's one
/// queue, consumed by two instances at once; each agent is created once, none twice, none lost.
/// </summary>
[TestFixture]
public sealed class When_commands_are_sent_from_another_service
{
    private const int Commands = 500;
    private const int Senders = 8;

    [Test]
    public async Task Should_create_each_agent_once_with_two_instances_consuming_one_queue()
    {
        await using var platform = await RunningPlatform.StartAsync();
        await platform.StartInstanceAsync(RunningPlatform.AgentDesignerService);
        var token = await new Accounts(platform).TokenAsync("operator");
        var ids = Enumerable.Range(0, Commands).Select(i => $"sent-{i:D3}-{Guid.NewGuid():N}"[..20]).ToList();

        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Senders }, async (id, _) =>
        {
            using var response = await platform.WorkflowEngine.Client.SendAsync(HttpMethod.Post, "/commands/CreateAgent", token,
                new { agentId = id, name = $"Sent {id}", model = "gpt-4o-mini", capabilities = new[] { "chat" } });
            var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
            Assert.That(accepted.GetProperty("messageId").GetString(), Is.Not.Empty);
        });

        await Eventually.Until(async () => await CountAsync(platform, "select count(*) from agents") == Commands,
            $"Agent Designer holds {Commands} agents", TimeSpan.FromMinutes(2));
        var listed = await Catalog.ListAllAsync(platform.AgentDesigner.Client, "/agents?limit=1000", "agents", token);
        Assert.Multiple(async () =>
        {
            Assert.That(listed.Select(a => a.GetProperty("id").GetString()), Is.EquivalentTo(ids), "the agents listed");
            Assert.That(await CountAsync(platform, "select count(*) from event_log where aggregate_type = 'agent'"), Is.EqualTo(Commands),
                "changes in the event log: one creation per agent, nothing applied twice");
            Assert.That(await CountAsync(platform, "select count(*) from dead_letters"), Is.Zero, "dead letters");
        });
    }

    private static async Task<long> CountAsync(RunningPlatform platform, string sql) => await platform.Database.ScalarAsync<long>(sql);
}

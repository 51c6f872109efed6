using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>
/// Regression: AddKnowledge checked the agent, DeleteAgent committed, its clean-up listed the items, then
/// AddKnowledge committed, and the item outlived its agent. A foreign key now decides the race.
/// </summary>
public sealed class When_knowledge_is_added_while_its_agent_is_deleted : CommandFixture
{
    private const int Agents = 40;
    private const int ItemsPerAgent = 3;
    private const string Orphans = "SELECT count(*) FROM knowledge k WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.id = k.agent_id)";

    protected override IDictionary<string, string?> DesignerSettings => ShortRedeliveryWindow;

    [Test]
    public async Task Should_never_leave_an_item_without_its_agent()
    {
        var agents = Enumerable.Range(0, Agents).Select(_ => Samples.AgentId("race")).ToList();
        foreach (var agent in agents)
        {
            await SendAsync(CreateAgent(agent));
        }

        foreach (var agent in agents)
        {
            await UntilEventAsync("AgentCreated", agent, 1);
        }

        // Deletes and adds interleave on the queue (16 consumed at once): some adds land before the delete, some race it, some come after.
        foreach (var agent in agents)
        {
            await SendAsync(AddKnowledgeTo(agent));
            await SendAsync(new DeleteAgent { AgentId = agent });
            for (var i = 1; i < ItemsPerAgent; i++)
            {
                await SendAsync(AddKnowledgeTo(agent));
            }
        }

        long mostOrphans = 0;
        await Eventually.Until(async () =>
        {
            var orphans = await CountAsync(Orphans);
            mostOrphans = Math.Max(mostOrphans, orphans);
            return await CountAsync("SELECT count(*) FROM agents") == 0 && await CountAsync("SELECT count(*) FROM knowledge") == 0;
        }, "every agent and every item is gone", TimeSpan.FromSeconds(60));
        Assert.That(mostOrphans, Is.Zero, "no item was ever seen without its agent");
    }

    private static AddKnowledge AddKnowledgeTo(string agent) =>
        new() { KnowledgeId = Guid.NewGuid(), AgentId = agent, Category = "docs", Content = $"About {agent}." };
}

using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>
/// Redeliveries reorder a command queue, so a delete can run before the create sent ahead of it. Regression: an
/// absent target counted as already deleted, so the delete was acknowledged and the aggregate created after it
/// survived. Each spec lets the delete be received first, then sends the create.
/// </summary>
public sealed class When_a_delete_overtakes_its_create : CommandFixture
{
    [Test]
    public async Task Should_delete_the_agent_once_its_create_has_run()
    {
        var id = Samples.AgentId();

        var delete = await SendAsync(new DeleteAgent { AgentId = id, ExpectedVersion = 1 });
        await Eventually.Until(() => Deliveries.CountOf(delete) == 1, "the delete was received before the create");
        await SendAsync(CreateAgent(id));

        await UntilEventAsync("AgentDeleted", id, 2);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await CountAsync($"SELECT count(*) FROM agents WHERE id = '{id}'"), Is.Zero);
            Assert.That(Events.RejectionsOf(delete), Is.Empty);
        });
    }

    [Test]
    public async Task Should_delete_the_knowledge_item_once_its_add_has_run()
    {
        var agent = Samples.AgentId();
        await SendAsync(CreateAgent(agent));
        await UntilEventAsync("AgentCreated", agent, 1);
        var item = Guid.NewGuid();

        var delete = await SendAsync(new DeleteKnowledge { KnowledgeId = item });
        await Eventually.Until(() => Deliveries.CountOf(delete) == 1, "the delete was received before the add");
        await SendAsync(new AddKnowledge { KnowledgeId = item, AgentId = agent, Category = "docs", Content = "Short-lived." });

        await UntilEventAsync("KnowledgeDeleted", item.ToString(), 2);
        Assert.That(await CountAsync($"SELECT count(*) FROM knowledge WHERE id = '{item}'"), Is.Zero);
    }
}

using AgentLightning.AgentDesigner.Application;
using AgentLightning.AgentDesigner.Tests.Consumers;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Application;

/// <summary>
/// Regression: an item deleted by someone else between the agent's delete listing its items and deleting them
/// failed the agent's delete with "knowledge not found" (HTTP 404 for an agent that exists).
/// </summary>
public sealed class When_an_agent_is_deleted_while_its_knowledge_is_deleted : CommandFixture
{
    [Test]
    public async Task Should_skip_the_item_already_gone_and_delete_the_agent()
    {
        var agent = Samples.AgentId();
        var items = new[] { Guid.NewGuid(), Guid.NewGuid() };
        await Designer.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AgentRepository>().CreateAsync(new Agent { Id = agent, Name = "Test Agent", Model = "m" });
            foreach (var item in items)
            {
                await sp.GetRequiredService<KnowledgeRepository>().CreateAsync(new KnowledgeItem { Id = item, AgentId = agent, Category = "docs", Content = "x" });
            }
        });

        var raced = false;
        await Designer.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AgentLightningDbContext>();

            // Right after the delete listed the items (its query ran), another writer deletes one of them.
            Hook.Arm(db, "FROM knowledge", () => raced = Execute($"DELETE FROM knowledge WHERE id = '{items[0]}'") == 1);
            await sp.GetRequiredService<AgentCommands>().DeleteAsync(agent, null, sp.GetRequiredService<IPublishEndpoint>(), CancellationToken.None);
        });

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(raced, Is.True, "an item was deleted between the listing and its delete");
            Assert.That(await CountAsync($"SELECT count(*) FROM agents WHERE id = '{agent}'"), Is.Zero);
            Assert.That(await CountAsync($"SELECT count(*) FROM knowledge WHERE agent_id = '{agent}'"), Is.Zero);
        });
    }
}

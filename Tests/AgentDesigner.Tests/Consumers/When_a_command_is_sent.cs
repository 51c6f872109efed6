using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

public sealed class When_a_command_is_sent : CommandFixture
{
    [Test]
    public async Task Should_create_the_agent_and_publish_AgentCreated_once()
    {
        var id = Samples.AgentId();

        await Sender.InScopeAsync(async sp =>
        {
            var endpoint = await sp.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(DesignerCommands);
            await endpoint.Send(CreateAgent(id));
            // The command leaves through the sender's bus outbox: it goes when the sender's transaction commits.
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });

        await UntilEventAsync("AgentCreated", id, 1);
        await UntilOutboxIsEmptyAsync();
        Assert.That((await GetAgentAsync(id))?.Name, Is.EqualTo("Test Agent"));
        Assert.That(Events.VersionsOf("AgentCreated", id), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task Should_create_the_agent_when_sent_with_ICommandSender()
    {
        var id = Samples.AgentId();

        await Sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ICommandSender>().Send(CreateAgent(id));
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });

        await UntilEventAsync("AgentCreated", id, 1);
        Assert.That((await GetAgentAsync(id))?.Name, Is.EqualTo("Test Agent"));
    }

    [Test]
    public async Task Should_take_effect_once_when_the_same_command_is_delivered_twice()
    {
        var id = Samples.AgentId();
        var messageId = Guid.NewGuid();

        await SendAsync(CreateAgent(id), messageId);
        await SendAsync(CreateAgent(id), messageId);

        await Eventually.Until(() => Deliveries.CountOf(messageId) == 2, "both deliveries were received");
        await UntilEventAsync("AgentCreated", id, 1);
        await UntilOutboxIsEmptyAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Events.VersionsOf("AgentCreated", id), Is.EqualTo(new long[] { 1 }));
            Assert.That(await CountAsync($"SELECT count(*) FROM event_log WHERE aggregate_id = '{id}'"), Is.EqualTo(1));
            Assert.That(await CountAsync($"SELECT count(*) FROM inbox_state WHERE message_id = '{messageId}'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Should_apply_every_agent_and_knowledge_command_and_publish_its_event()
    {
        var id = Samples.AgentId();
        var knowledgeId = Guid.NewGuid();
        var item = knowledgeId.ToString();

        await SendAsync(CreateAgent(id));
        await UntilEventAsync("AgentCreated", id, 1);
        await SendAsync(new UpdateAgent { AgentId = id, Name = "Renamed", Model = "model-2", ExpectedVersion = 1 });
        await UntilEventAsync("AgentUpdated", id, 2);
        await SendAsync(new ChangeAgentStatus { AgentId = id, Status = AgentStatuses.Busy, Reason = "working", ExpectedVersion = 2 });
        await UntilEventAsync("AgentStatusChanged", id, 3);
        await SendAsync(new AddKnowledge { KnowledgeId = knowledgeId, AgentId = id, Category = "docs", Content = "The sky is blue." });
        await UntilEventAsync("KnowledgeAdded", item, 1);
        await SendAsync(new UpdateKnowledge { KnowledgeId = knowledgeId, Category = "docs", Content = "The sky is grey.", ExpectedVersion = 1 });
        await UntilEventAsync("KnowledgeUpdated", item, 2);
        await SendAsync(new DeleteKnowledge { KnowledgeId = knowledgeId, ExpectedVersion = 2 });
        await UntilEventAsync("KnowledgeDeleted", item, 3);
        await SendAsync(new DeleteAgent { AgentId = id, ExpectedVersion = 3 });
        await UntilEventAsync("AgentDeleted", id, 4);

        Assert.That(await GetAgentAsync(id), Is.Null);
        Assert.That(await CountAsync($"SELECT count(*) FROM event_log WHERE aggregate_id IN ('{id}', '{item}')"), Is.EqualTo(7));
    }

    [Test]
    public async Task Should_delete_the_knowledge_of_a_deleted_agent_and_publish_KnowledgeDeleted_for_each_item()
    {
        var id = Samples.AgentId();
        var items = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var otherAgent = Samples.AgentId();
        var othersItem = Guid.NewGuid();

        await SendAsync(CreateAgent(id));
        await SendAsync(CreateAgent(otherAgent));
        await UntilEventAsync("AgentCreated", id, 1);
        await UntilEventAsync("AgentCreated", otherAgent, 1);
        foreach (var (item, agent) in items.Select(i => (i, id)).Append((othersItem, otherAgent)))
        {
            await SendAsync(new AddKnowledge { KnowledgeId = item, AgentId = agent, Category = "docs", Content = $"About {agent}." });
            await UntilEventAsync("KnowledgeAdded", item.ToString(), 1);
        }

        await SendAsync(new DeleteAgent { AgentId = id, ExpectedVersion = 1 });

        foreach (var item in items)
        {
            await UntilEventAsync("KnowledgeDeleted", item.ToString(), 2);
        }

        await UntilOutboxIsEmptyAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await CountAsync($"SELECT count(*) FROM knowledge WHERE agent_id = '{id}'"), Is.Zero);
            Assert.That(await CountAsync($"SELECT count(*) FROM knowledge WHERE agent_id = '{otherAgent}'"), Is.EqualTo(1), "another agent's knowledge stays");
            Assert.That(items.Select(i => Events.VersionsOf("KnowledgeDeleted", i.ToString())), Is.All.EqualTo(new long[] { 2 }), "one KnowledgeDeleted per item");
        });
    }
}

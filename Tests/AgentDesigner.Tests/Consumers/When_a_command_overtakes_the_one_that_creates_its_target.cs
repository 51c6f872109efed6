using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>
/// The queue consumes 16 messages at once, so an AddKnowledge can run before the CreateAgent sent just before it.
/// Regression: it was refused as "does not exist" and acknowledged; 200 such pairs left 1 knowledge item.
/// </summary>
public sealed class When_a_command_overtakes_the_one_that_creates_its_target : CommandFixture
{
    private const int Pairs = 200;

    [Test]
    public async Task Should_redeliver_it_until_the_target_exists_so_200_pairs_make_200_knowledge_items()
    {
        var pairs = Enumerable.Range(0, Pairs).Select(_ => (Agent: Samples.AgentId("pair"), Item: Guid.NewGuid())).ToList();

        foreach (var (agent, item) in pairs)
        {
            await SendAsync(CreateAgent(agent));
            await SendAsync(new AddKnowledge { KnowledgeId = item, AgentId = agent, Category = "docs", Content = $"About {agent}." });
        }

        await Eventually.Until(async () => await CountAsync("SELECT count(*) FROM knowledge") == Pairs,
            $"{Pairs} knowledge items exist", TimeSpan.FromSeconds(90));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await CountAsync("SELECT count(*) FROM agents"), Is.EqualTo(Pairs));
            Assert.That(await CountAsync("SELECT count(*) FROM knowledge k JOIN agents a ON a.id = k.agent_id"), Is.EqualTo(Pairs));
            Assert.That(await CountAsync("SELECT count(*) FROM dead_letters"), Is.Zero, "nothing was rejected");
        });
    }

    [Test]
    public async Task Should_reject_it_once_the_window_that_its_header_started_has_passed()
    {
        var add = new AddKnowledge { KnowledgeId = Guid.NewGuid(), AgentId = Samples.AgentId("never"), Category = "docs", Content = "Orphan." };
        var messageId = NewId.NextGuid();

        // As a redelivery scheduled before a restart carries it: the one-minute window began two minutes ago.
        var endpoint = await Sender.Services.GetRequiredService<IBus>().GetSendEndpoint(DesignerCommands);
        await endpoint.Send(add, c =>
        {
            c.MessageId = messageId;
            c.Headers.Set(CommandHeaders.FirstAttempt, CommandHeaders.Format(DateTimeOffset.UtcNow.AddMinutes(-2)));
        });

        var rejected = await UntilRejectedAsync(messageId);
        Assert.That((rejected.Reason, rejected.TargetId), Is.EqualTo((CommandRejections.NotFound, add.AgentId)));
    }
}

using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.Tests.Outbox;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Commands;

/// <summary>
/// MassTransit copies every header of a consumed message that does not start with "MT-" onto what its consumer
/// publishes. The command marker once travelled that way, so an owner's event was sent mandatory like a command: with
/// no subscriber the broker returned it, and the outbox retried it for an hour before dead-lettering it.
/// </summary>
public sealed class When_a_consumer_of_a_command_publishes_an_event
{
    [Test]
    public async Task Should_publish_it_as_an_event_that_may_reach_no_one_not_as_a_command()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var log = new ConsumedLog();
        await using var owner = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            bus => bus.AddConsumer<CreateAgentAnnouncer>(typeof(CreateAgentAnnouncerDefinition)), "agent-designer",
            configure: b => b.Services.AddSingleton(log));

        await owner.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ICommandSender>().Send(new CreateAgent { AgentId = "announced", Name = "announced", Model = "m" });
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        await Eventually.Until(() => log.Total == 1, "the owner consumed the command");

        await Eventually.Until(async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages") == 0,
            "the owner's event left the outbox");
        Assert.That(await database.ScalarAsync<int>("SELECT coalesce(max(failed_attempts), 0) FROM outbox_state"), Is.Zero,
            "delivery attempts the broker refused");
    }
}

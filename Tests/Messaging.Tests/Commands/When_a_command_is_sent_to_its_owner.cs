using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.Tests.Outbox;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Commands;

public sealed class When_a_command_is_sent_to_its_owner
{
    [Test]
    public async Task Should_wait_in_the_outbox_until_the_owner_queue_exists_and_then_arrive_once()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var prefix = queues.Prefix;
        var settings = new Dictionary<string, string?> { ["Messaging:Outbox:MaxRetryDelay"] = "00:00:01" };
        await using var sender = await MessagingTestHost.StartAsync(database.ConnectionString, prefix, null, "workflow-engine", settings);

        await sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ICommandSender>().Send(new CreateAgent { AgentId = "early-agent", Name = "early", Model = "m" });
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        await Eventually.Until(async () => await database.ScalarAsync<int>("SELECT coalesce(max(failed_attempts), 0) FROM outbox_state") > 0,
            "the broker refused the command: nothing is bound to the owner's exchange yet");

        var log = new ConsumedLog();
        await using var owner = await MessagingTestHost.StartAsync(database.ConnectionString, prefix,
            bus => bus.AddConsumer<CreateAgentRecorder>(typeof(CreateAgentRecorderDefinition)), "agent-designer", settings,
            b => b.Services.AddSingleton(log));

        await Eventually.Until(() => log.NamesOf("early-agent").Count == 1, "the owner received the command");
        Assert.That(log.Total, Is.EqualTo(1));
    }
}

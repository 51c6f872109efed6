using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// Regression: giving up waited for the whole bus to be Healthy, so one receive endpoint that could never start
/// (its exchange exists with another type) kept every refused message, and the outbox behind it, for good. The
/// broker's own refusal (a returned mandatory command) is about that destination only.
/// </summary>
public sealed class When_one_endpoint_is_stuck_and_a_message_is_refused_for_good
{
    [Test]
    public async Task Should_still_give_up_on_the_refused_message()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        await RabbitMqManagement.DeclareExchangeAsync($"{queues.Prefix}renamed", "direct");
        await using var sender = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            bus => bus.AddConsumer<RenamedConsumer>(), "workflow-engine", new Dictionary<string, string?>
            {
                ["Messaging:WaitUntilStarted"] = "false",
                ["Messaging:Outbox:MaxDeliveryAttempts"] = "2",
                ["Messaging:Outbox:RetryDelay"] = "00:00:02",
            }, b => b.Services.AddSingleton(new ConsumedLog()));
        await Eventually.Until(() => sender.Services.GetRequiredService<IBusControl>().CheckHealth().Status != BusHealthStatus.Healthy,
            "the renamed endpoint is stuck");

        await sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ICommandSender>().Send(new CreateAgent { AgentId = "refused", Name = "refused", Model = "m" });
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        var command = await database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages");

        var letter = await DeadLetterLookup.UndeliverableAsync(sender, command);
        Assert.That(letter.Status, Is.EqualTo(DeadLetterStatus.Pending));
    }
}

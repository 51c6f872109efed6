using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Messaging.Capture;
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
        await using var sender = await StartStuckAsync(database, queues);

        await sender.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ICommandSender>().Send(new CreateAgent { AgentId = "refused", Name = "refused", Model = "m" });
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
        });
        var command = await database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages");

        var letter = await DeadLetterLookup.UndeliverableAsync(sender, command);
        Assert.That(letter.Status, Is.EqualTo(DeadLetterStatus.Pending));
    }

    /// <summary>Regression: a message whose own headers cannot be read failed before the broker was contacted, and waited for a Healthy bus too.</summary>
    [Test]
    public async Task Should_still_give_up_on_a_message_that_cannot_be_sent_as_captured()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        await StagedPings.StageAsync(database, queues.Prefix, Guid.NewGuid().ToString("N"), Guid.NewGuid());
        await database.ExecuteAsync("UPDATE outbox_messages SET headers = '{not json'");
        var ping = await database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages");
        await using var sender = await StartStuckAsync(database, queues);

        var letter = await DeadLetterLookup.UndeliverableAsync(sender, ping);
        Assert.That(letter.ExceptionType, Is.EqualTo(typeof(UnsendableMessageException).FullName));
    }

    /// <summary>A sender whose "renamed" endpoint can never start (its exchange exists with another type): never Healthy.</summary>
    private static async Task<PlatformTestHost> StartStuckAsync(ScratchDatabase database, ScratchQueues queues)
    {
        await RabbitMqManagement.DeclareExchangeAsync($"{queues.Prefix}renamed", "direct");
        var sender = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            bus => bus.AddConsumer<RenamedConsumer>(), "workflow-engine", new Dictionary<string, string?>
            {
                ["Messaging:WaitUntilStarted"] = "false",
                ["Messaging:Outbox:MaxDeliveryAttempts"] = "2",
                ["Messaging:Outbox:RetryDelay"] = "00:00:02",
            }, b => b.Services.AddSingleton(new ConsumedLog()));
        await Eventually.Until(() => sender.Services.GetRequiredService<IBusControl>().CheckHealth().Status != BusHealthStatus.Healthy,
            "the renamed endpoint is stuck");
        return sender;
    }
}

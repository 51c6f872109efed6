using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class When_a_producer_is_killed_after_its_commit
{
    [Test]
    public async Task Should_deliver_every_committed_message_exactly_once_after_a_restart()
    {
        const int Messages = 300;
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var prefix = queues.Prefix;
        var log = new ConsumedLog(prefix);
        await using var consumer = await StartConsumerAsync(database, prefix, log);

        await using (var producer = TestServiceProcess.Start(database.ConnectionString, prefix, Messages, deliver: false))
        {
            Assert.That(await producer.Committed, Is.EqualTo(Messages));
            await producer.KillAsync();
        }

        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"), Is.EqualTo(Messages), "committed, not delivered");
        Assert.That(log.Total, Is.Zero);

        await using var restarted = TestServiceProcess.Start(database.ConnectionString, prefix, 0, deliver: true);
        await Eventually.Until(() => log.Distinct == Messages, "every committed message is consumed", TimeSpan.FromMinutes(1));
        await Eventually.Until(async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox_state") == 0, "the outbox is empty");
        Assert.That(log.Duplicates, Is.Empty);
    }

    [Test]
    public async Task Should_deliver_every_message_once_when_killed_in_the_middle_of_delivering()
    {
        const int Messages = 3_000;
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var prefix = queues.Prefix;
        var log = new ConsumedLog(prefix);
        await using var consumer = await StartConsumerAsync(database, prefix, log);

        await using (var producer = TestServiceProcess.Start(database.ConnectionString, prefix, Messages, deliver: true))
        {
            Assert.That(await producer.Committed, Is.EqualTo(Messages));
            await producer.KillAsync();
        }

        var left = await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages");
        await TestContext.Out.WriteLineAsync($"Killed with {log.Distinct} consumed and {left} still in the outbox.");
        await using var restarted = TestServiceProcess.Start(database.ConnectionString, prefix, 0, deliver: true);
        await Eventually.Until(() => log.Distinct == Messages, "every committed message is consumed", TimeSpan.FromMinutes(1));
        await Eventually.Until(async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox_state") == 0, "the outbox is empty");
        Assert.That(log.Duplicates, Is.Empty, "the inbox absorbed any re-sent message");
    }

    /// <summary>
    /// Every service's delivery workers share the one outbox table, so any of them would deliver the producer's
    /// messages; the consumer's are switched off so that only the restarted producer can.
    /// </summary>
    private static Task<PlatformTestHost> StartConsumerAsync(ScratchDatabase database, string prefix, ConsumedLog log) =>
        MessagingTestHost.StartAsync(database.ConnectionString, prefix, bus => bus.AddConsumer<PingConsumer>(), serviceName: "test-consumer",
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:DeliveryEnabled"] = "false" },
            configure: b => b.Services.AddSingleton(log));
}

using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Messaging.TestService;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>Runs on a RabbitMQ node of its own, stopped and started in the middle of the test.</summary>
[NonParallelizable]
public sealed class When_the_broker_is_down
{
    [Test]
    public async Task Should_keep_committing_writes_and_deliver_every_message_once_it_is_back()
    {
        const int Writes = 200;
        await using var broker = await RabbitMqInstance.StartAsync();
        await using var database = await ScratchDatabase.CreateAsync();
        var prefix = MessagingTestHost.NewQueuePrefix();
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Outbox:SendTimeout"] = "00:00:02",
            ["Messaging:Outbox:MaxRetryDelay"] = "00:00:02",
        };
        var log = new ConsumedLog();
        await using var consumer = await MessagingTestHost.StartAsync(database.ConnectionString, prefix, bus => bus.AddConsumer<PingConsumer>(),
            "test-consumer", settings, b => b.Services.AddSingleton(log), broker.ConnectionString);
        await using var producer = await MessagingTestHost.StartAsync(database.ConnectionString, prefix, null,
            "test-producer", settings, rabbitMq: broker.ConnectionString);

        var before = Guid.NewGuid();
        await PublishAndCommitAsync(producer, before);
        await Eventually.Until(() => log.CountOf(before) == 1, "a message goes through while the broker is up");

        await broker.StopAsync();
        var ids = Enumerable.Range(0, Writes).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await PublishAndCommitAsync(producer, id);
        }

        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"), Is.EqualTo(Writes), "every write committed, nothing sent");

        await broker.StartAgainAsync();
        await Eventually.Until(() => ids.All(id => log.CountOf(id) == 1), "every message is delivered once the broker is back", TimeSpan.FromMinutes(2));
        await Eventually.Until(async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox_state") == 0, "the outbox is empty");
        Assert.That(log.Duplicates, Is.Empty);
    }

    private static Task PublishAndCommitAsync(PlatformTestHost producer, Guid id) => producer.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<IPublishEndpoint>().Publish(new Ping(id, 1));
        await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
    });
}

using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

using AgentLightning.Messaging.TestService;

namespace AgentLightning.Messaging.Tests.Outbox;

public sealed class When_two_instances_share_the_outbox
{
    private const int Transactions = 2_000;
    private const int MessagesPerTransaction = 5;

    [Test]
    public async Task Should_deliver_ten_thousand_messages_once_each_with_both_instances_taking_part()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var prefix = queues.Prefix;
        await CommitWithoutDeliveringAsync(database, prefix);
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"), Is.EqualTo(Transactions * MessagesPerTransaction));

        // Hosts start one after the other however they are started: a backlog due at once went whole to the first.
        await database.ExecuteAsync("UPDATE outbox_state SET next_attempt_at = now() + interval '1 day'");
        var log = new ConsumedLog(prefix);
        using var published = new PublishedCounter();
        var instances = await Task.WhenAll(StartInstanceAsync(database, prefix, log), StartInstanceAsync(database, prefix, log));
        try
        {
            // Both run their delivery loops now, each polling every PollInterval (0.5 s here) on this process's one
            // thread pool: neither sends ten thousand messages before the other's next poll.
            await database.ExecuteAsync("UPDATE outbox_state SET next_attempt_at = created_at");
            await Eventually.Until(() => log.Distinct == Transactions * MessagesPerTransaction, "every message is consumed", TimeSpan.FromMinutes(3));
            await Eventually.Until(async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox_state") == 0, "the outbox is empty");

            Assert.That(log.Duplicates, Is.Empty);
            Assert.That(log.Total, Is.EqualTo(Transactions * MessagesPerTransaction));
            var counts = instances.Select(i => published.For(i.Services.GetRequiredService<IMeterFactory>())).ToArray();
            Assert.That(counts.Sum(), Is.GreaterThanOrEqualTo(Transactions * MessagesPerTransaction));
            Assert.That(counts, Has.All.GreaterThan(0), $"delivered per instance: {string.Join(", ", counts)}");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private static async Task CommitWithoutDeliveringAsync(ScratchDatabase database, string prefix)
    {
        await using var writer = await MessagingTestHost.StartAsync(database.ConnectionString, prefix,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:DeliveryEnabled"] = "false" });
        await Parallel.ForEachAsync(Enumerable.Range(0, Transactions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, _) =>
            await writer.InScopeAsync(async sp =>
            {
                var publish = sp.GetRequiredService<IPublishEndpoint>();
                for (var m = 0; m < MessagesPerTransaction; m++)
                {
                    await publish.Publish(new Ping(Guid.NewGuid(), m, prefix));
                }

                await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
            }));
    }

    private static Task<PlatformTestHost> StartInstanceAsync(ScratchDatabase database, string prefix, ConsumedLog log) =>
        MessagingTestHost.StartAsync(database.ConnectionString, prefix, bus => bus.AddConsumer<PingConsumer>(),
            configure: b => b.Services.AddSingleton(log));
}

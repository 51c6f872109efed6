using System.Diagnostics;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed class When_two_hosts_dispatch_a_backlog : SchedulerFixture
{
    private const int Messages = 2000;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:Scheduler:PollInterval"] = "00:00:00.100";
        settings["Messaging:Scheduler:BatchSize"] = "100";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_deliver_every_message_once_and_share_the_work()
    {
        var hostA = await StartHostAsync("host-a");
        var hostB = await StartHostAsync("host-b");
        var address = AddressOf<ScheduledPingConsumer>();
        var ids = Enumerable.Range(0, Messages).Select(_ => Guid.NewGuid()).ToArray();
        var later = DateTime.UtcNow.AddHours(1);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            await InRequestAsync(hostA, scheduler => scheduler.ScheduleSend(address, later, new ScheduledPing(id), ct)));
        Assert.That(await Rows.CountAsync(), Is.EqualTo(Messages));

        // All due at the same instant.
        var clock = Stopwatch.StartNew();
        await Rows.ExecuteAsync("UPDATE scheduled_messages SET due_at = now()");
        await Eventually.Until(async () => await Rows.CountAsync() == 0, "every row is sent and deleted", TimeSpan.FromSeconds(60));
        var sent = clock.Elapsed;
        await Eventually.Until(() => Deliveries.All().Select(d => d.Id).Distinct().Count() == Messages, "every message is consumed", TimeSpan.FromSeconds(60));
        var consumed = clock.Elapsed;

        var sentByA = Dispatched(hostA);
        var sentByB = Dispatched(hostB);
        await TestContext.Progress.WriteLineAsync(
            $"{Messages} due messages: sent and deleted in {sent.TotalSeconds:F2} s ({Messages / sent.TotalSeconds:F0}/s), " +
            $"consumed in {consumed.TotalSeconds:F2} s; host A sent {sentByA}, host B {sentByB}");

        var deliveriesById = Deliveries.All().GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Select(d => d.MessageId).Distinct().Count());
        Assert.That(deliveriesById.Keys, Is.EquivalentTo(ids));
        Assert.That(deliveriesById.Values, Is.All.EqualTo(1));
        Assert.That(sentByA + sentByB, Is.EqualTo(Messages));
        Assert.That(sentByA, Is.GreaterThan(0));
        Assert.That(sentByB, Is.GreaterThan(0));
    }
}

using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed class When_a_due_message_cannot_be_sent : SchedulerFixture
{
    private const string Dispatcher = "AgentLightning.Infrastructure.Messaging.Scheduling.ScheduledMessageDispatcher";

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_back_it_off_without_holding_up_the_others()
    {
        var logs = new CapturedLogs();
        var host = await StartHostAsync(configure: builder => builder.Logging.AddProvider(logs));
        var address = AddressOf<ScheduledPingConsumer>();
        var poisonId = Guid.NewGuid();
        var goodId = Guid.NewGuid();
        var poison = await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(address, DateTime.UtcNow.AddHours(1), new ScheduledPing(poisonId)));

        // A destination no transport serves (as a corrupted row would have): this send fails every time.
        var madeDue = DateTime.UtcNow;
        await Rows.ExecuteAsync(
            "UPDATE scheduled_messages SET destination_address = 'nowhere://invalid/destination', due_at = now() WHERE token_id = @id", poison.TokenId);
        await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(address, DateTime.UtcNow.AddMilliseconds(300), new ScheduledPing(goodId)));

        await Eventually.Until(() => Deliveries.For(goodId).Count > 0, "the sendable message is delivered");
        await Eventually.Until(async () => (await Rows.ForTokenAsync(poison.TokenId))?.Attempts >= 1, "the failed send is recorded on its row");

        var row = await Rows.ForTokenAsync(poison.TokenId);
        Assert.That(row!.LastError, Is.Not.Null.And.Not.Empty);
        Assert.That(row.DueAt, Is.GreaterThan(madeDue), "the failed row waits with a backoff");
        Assert.That(Deliveries.For(poisonId), Is.Empty);
        Assert.That(logs.Messages(Dispatcher, LogLevel.Warning), Has.Count.EqualTo(1), "the row's first failure, and no outage");
        Assert.That(logs.Messages(Dispatcher, LogLevel.Warning)[0], Does.StartWith("1 of 1 due messages failed"));
    }
}

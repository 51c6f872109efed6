using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed class When_a_message_is_scheduled : SchedulerFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await StartHostAsync();

    protected override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScheduledPingConsumer>();
        bus.AddConsumer<PublishedPingConsumer>();
        bus.AddConsumer<ScheduleFollowUpConsumer>();
    }

    [Test]
    public async Task Should_be_consumed_once_when_due_and_not_before()
    {
        var id = Guid.NewGuid();
        var sentBefore = Dispatched(_host);
        var due = DateTime.UtcNow.AddSeconds(2);
        var scheduled = await InRequestAsync(_host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), due, new ScheduledPing(id)));
        var row = await Rows.ForTokenAsync(scheduled.TokenId);
        Assert.That(row, Is.Not.Null, "the schedule is a row until it is sent");

        await Eventually.Until(() => Deliveries.For(id).Count > 0, "the scheduled message is consumed");
        await Eventually.Until(async () => await Rows.ForTokenAsync(scheduled.TokenId) is null, "the sent row is deleted");

        Assert.That(Dispatched(_host) - sentBefore, Is.EqualTo(1), "sent once");
        Assert.That(Deliveries.MessageIdsFor(id), Is.EqualTo(new Guid?[] { row!.MessageId }), "consumed once, with the stored MessageId");
        Assert.That(Deliveries.For(id).Min(d => d.At), Is.GreaterThanOrEqualTo(due));
    }

    [Test]
    public async Task Should_never_be_delivered_when_cancelled()
    {
        var cancelled = Guid.NewGuid();
        var marker = Guid.NewGuid();
        var address = AddressOf<ScheduledPingConsumer>();
        var token = await InRequestAsync(_host, async scheduler =>
        {
            var doomed = await scheduler.ScheduleSend(address, DateTime.UtcNow.AddSeconds(1), new ScheduledPing(cancelled));
            await scheduler.ScheduleSend(address, DateTime.UtcNow.AddSeconds(1.5), new ScheduledPing(marker));
            await scheduler.CancelScheduledSend(address, doomed.TokenId);
            return doomed.TokenId;
        });
        Assert.That(await Rows.ForTokenAsync(token), Is.Null);

        // Due after the cancelled one: once it has arrived, the cancelled message's due time has passed.
        await Eventually.Until(() => Deliveries.For(marker).Count > 0, "the message due later arrives");
        Assert.That(Deliveries.For(cancelled), Is.Empty);
    }

    [Test]
    public async Task Should_schedule_sends_and_publishes_from_inside_a_consumer()
    {
        var id = Guid.NewGuid();
        await SendToAsync<ScheduleFollowUpConsumer, ScheduleFollowUp>(_host, new ScheduleFollowUp(id, AddressOf<ScheduledPingConsumer>()));

        string[] consumers = [nameof(ScheduleFollowUpConsumer), nameof(ScheduledPingConsumer), nameof(PublishedPingConsumer)];

        // A dispatcher that met a transient fault backs off up to 30 s (on a loaded CI machine it happens): wait past that.
        await Eventually.Until(() => consumers.All(c => Deliveries.For(id).Any(d => d.Consumer == c)),
            "the follow-up and both messages it scheduled are consumed", TimeSpan.FromSeconds(75));
        var deliveries = Deliveries.For(id);
        var followUp = deliveries.Single(d => d.Consumer == nameof(ScheduleFollowUpConsumer));
        var scheduled = deliveries.Where(d => d != followUp).ToList();
        Assert.That(scheduled.DistinctBy(d => d.MessageId).Select(d => d.Consumer), Is.EquivalentTo(consumers[1..]), string.Join("\n", deliveries));
        Assert.That(scheduled.Select(d => d.ConversationId), Is.All.EqualTo(followUp.ConversationId));
        Assert.That(scheduled.Select(d => d.At), Is.All.GreaterThanOrEqualTo(followUp.At.AddMilliseconds(300)));
    }
}

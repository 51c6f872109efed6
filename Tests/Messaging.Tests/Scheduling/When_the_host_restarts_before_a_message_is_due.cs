using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed class When_the_host_restarts_before_a_message_is_due : SchedulerFixture
{
    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_deliver_it_once_from_the_next_host()
    {
        var id = Guid.NewGuid();
        var first = await StartHostAsync("first");
        // Counted from after the start, with room for a stop on a busy machine: the spec is about a restart before due.
        var due = DateTime.UtcNow.AddSeconds(10);
        var scheduled = await InRequestAsync(first, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), due, new ScheduledPing(id)));
        await StopHostAsync(first);
        Assert.That(DateTime.UtcNow, Is.LessThan(due), "the first host stopped before the message was due");
        Assert.That(await Rows.ForTokenAsync(scheduled.TokenId), Is.Not.Null);

        var second = await StartHostAsync("second");
        await Eventually.Until(() => Deliveries.For(id).Count > 0, "the next host delivers the message");
        await Eventually.Until(async () => await Rows.ForTokenAsync(scheduled.TokenId) is null, "the sent row is deleted");

        Assert.That(Dispatched(second), Is.EqualTo(1), "sent once, by the next host");
        Assert.That(Deliveries.MessageIdsFor(id), Has.Count.EqualTo(1), "consumed once");
        Assert.That(Deliveries.For(id).Min(d => d.At), Is.GreaterThanOrEqualTo(due));
    }
}

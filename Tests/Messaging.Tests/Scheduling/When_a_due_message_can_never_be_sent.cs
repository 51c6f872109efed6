using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Its destination exchange was declared by someone else with another type: the broker refuses MassTransit's
/// declaration on every try (MassTransit tries again until the send times out, here after a second). The scheduler
/// gives up after three tries.
/// </summary>
public sealed class When_a_due_message_can_never_be_sent : SchedulerFixture
{
    private const int MaxAttempts = 3;
    private const string Service = "scheduling-service";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:Scheduler:MaxDeliveryAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Messaging:Scheduler:MaxBackoff"] = "00:00:00.400";
        settings["Messaging:Scheduler:SendTimeout"] = "00:00:01";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_become_a_dead_letter_after_its_last_attempt_and_leave_the_schedule()
    {
        var host = await StartHostAsync(Service);
        var unreachable = Prefix + "direct-elsewhere";
        await RabbitMqManagement.DeclareExchangeAsync(unreachable, "direct");
        var poisonId = Guid.NewGuid();
        var poison = await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(new Uri($"exchange:{unreachable}"), DateTime.UtcNow, new ScheduledPing(poisonId)));
        var messageId = (await Rows.ForTokenAsync(poison.TokenId))!.MessageId;

        var letter = await DeadLetterLookup.UndeliverableAsync(host, messageId);
        Assert.That(await Rows.ForTokenAsync(poison.TokenId), Is.Null, "the row left the schedule");

        var next = Guid.NewGuid();
        await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddMilliseconds(300), new ScheduledPing(next)));
        await Eventually.Until(() => Deliveries.For(next).Count > 0, "the next scheduled message is delivered");

        Assert.Multiple(() =>
        {
            Assert.That(letter.Reason, Is.EqualTo(DeadLetterReason.Undeliverable));
            Assert.That(letter.SourceService, Is.EqualTo(Service));
            Assert.That(letter.DeadLetterQueue, Is.EqualTo("scheduler"));
            Assert.That(letter.SourceQueue, Is.EqualTo($"exchange:{unreachable}"), "where a replay sends it");
            Assert.That(letter.MessageTypes, Does.Contain("urn:message:AgentLightning.Messaging.Tests.Scheduling:ScheduledPing"));
            Assert.That(letter.BodyText(), Does.Contain(poisonId.ToString()));
            Assert.That(letter.AttemptCount, Is.EqualTo(MaxAttempts));
            Assert.That(letter.ExceptionMessage, Is.Not.Null.And.Not.Empty);
            Assert.That(letter.FirstFailedAt, Is.LessThan(letter.LastFailedAt), "first and last failure");
            Assert.That(Deliveries.For(poisonId), Is.Empty);
        });
    }
}

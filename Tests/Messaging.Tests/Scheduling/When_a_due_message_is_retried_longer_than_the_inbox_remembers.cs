using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Regression: the scheduler's retries had no time limit while the bus was not Healthy, so a row whose lost-confirm
/// try had been consumed was re-sent after the inbox forgot it. A row that first failed longer ago than the
/// duplicate-detection window (less its margin) is now a dead letter, whatever its attempts and the bus's health.
/// </summary>
public sealed class When_a_due_message_is_retried_longer_than_the_inbox_remembers : SchedulerFixture
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Messaging:Outbox:DuplicateDetectionWindow"] = "02:00:00";

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_make_it_a_dead_letter_instead_of_sending_it_again()
    {
        var host = await StartHostAsync();
        var retriedId = Guid.NewGuid();
        var retried = await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddHours(1), new ScheduledPing(retriedId)));
        var messageId = (await Rows.ForTokenAsync(retried.TokenId))!.MessageId;

        // What a row failing since a day ago leaves behind, due again now.
        await Rows.ExecuteAsync(
            "UPDATE scheduled_messages SET attempts = 3, first_failed_at = now() - interval '1 day', due_at = now() - interval '1 day' WHERE token_id = @id",
            retried.TokenId);

        var letter = await DeadLetterLookup.UndeliverableAsync(host, messageId);
        var next = Guid.NewGuid();
        await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow, new ScheduledPing(next)));
        await Eventually.Until(() => Deliveries.For(next).Count > 0, "a later scheduled message is delivered");

        Assert.Multiple(async () =>
        {
            Assert.That(letter.ExceptionType, Is.EqualTo(typeof(InDoubtDeliveryException).FullName));
            Assert.That(Deliveries.For(retriedId), Is.Empty, "not sent again");
            Assert.That(await Rows.ForTokenAsync(retried.TokenId), Is.Null, "the row left the schedule");
        });
    }
}

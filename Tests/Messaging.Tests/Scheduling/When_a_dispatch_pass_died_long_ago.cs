using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Regression: a pass that died between the broker's confirm and its commit left its rows unmarked, and a pass that
/// claimed them after longer than the duplicate-detection window re-sent them as new, silently. A pass now records
/// its rows before it sends (as the outbox's rounds do); an old record makes the row a dead letter an operator decides on.
/// </summary>
public sealed class When_a_dispatch_pass_died_long_ago : SchedulerFixture
{
    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["Messaging:Outbox:DuplicateDetectionWindow"] = "02:00:00";

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_make_its_row_a_dead_letter_instead_of_sending_it_again()
    {
        var host = await StartHostAsync();
        var inDoubtId = Guid.NewGuid();
        var inDoubt = await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddHours(1), new ScheduledPing(inDoubtId)));
        var messageId = (await Rows.ForTokenAsync(inDoubt.TokenId))!.MessageId;

        // What a pass that sent it three hours ago and died before its commit leaves behind: the row, unchanged, and its record.
        await Rows.ExecuteAsync("INSERT INTO outbox_attempts (outbox_id, started_at) VALUES (@id, now() - interval '3 hours')", inDoubt.TokenId);
        await Rows.ExecuteAsync("UPDATE scheduled_messages SET due_at = now() - interval '3 hours' WHERE token_id = @id", inDoubt.TokenId);

        var letter = await DeadLetterLookup.UndeliverableAsync(host, messageId);
        var next = Guid.NewGuid();
        await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow, new ScheduledPing(next)));
        await Eventually.Until(() => Deliveries.For(next).Count > 0, "a later scheduled message is delivered");
        // The ping can be consumed before its pass commits and deletes its record.
        await Eventually.Until(async () => await Rows.AttemptRecordsAsync() == 0, "the passes settled");

        Assert.Multiple(async () =>
        {
            Assert.That(letter.ExceptionType, Is.EqualTo(typeof(InDoubtDeliveryException).FullName));
            Assert.That(Deliveries.For(inDoubtId), Is.Empty, "not sent again");
            Assert.That(await Rows.ForTokenAsync(inDoubt.TokenId), Is.Null, "the row left the schedule");
        });
    }
}

using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// Regression: a process that died between the broker's confirm and the outbox's delete left the row, and a
/// delivery that resumed after longer than the duplicate-detection window re-sent it as new, silently. The round
/// now leaves a record before it sends; an old record makes the message a dead letter an operator decides on.
/// </summary>
public sealed class When_a_delivery_round_died_long_ago
{
    private static readonly Dictionary<string, string?> Window = new() { ["Messaging:Outbox:DuplicateDetectionWindow"] = "02:00:00" };

    [Test]
    public async Task Should_make_its_message_a_dead_letter_instead_of_sending_it_again()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var run = Guid.NewGuid().ToString("N");
        var log = new ConsumedLog(run);
        var inDoubt = Guid.NewGuid();
        await StagedPings.StageAsync(database, queues.Prefix, run, inDoubt);

        // What a round that sent it three hours ago and died before its commit leaves behind.
        await database.ExecuteAsync("INSERT INTO outbox_attempts (outbox_id, started_at) SELECT outbox_id, now() - interval '3 hours' FROM outbox_state");
        var messageId = await database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages");
        await using var service = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            bus => bus.AddConsumer<PingConsumer>(), settings: Window, configure: b => b.Services.AddSingleton(log));

        var letter = await DeadLetterLookup.UndeliverableAsync(service, messageId);
        var sentinel = Guid.NewGuid();
        await StagedPings.SendAsync(service, queues.Prefix, run, sentinel);
        await Eventually.Until(() => log.CountOf(sentinel) == 1, "a later ping is delivered");
        // The ping can be consumed before its round's settle commits.
        await Eventually.Until(async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox_attempts") == 0, "the rounds settled");

        Assert.Multiple(() =>
        {
            Assert.That(letter.ExceptionType, Is.EqualTo(typeof(InDoubtDeliveryException).FullName));
            Assert.That(log.CountOf(inDoubt), Is.Zero, "not sent again");
        });
    }

    /// <summary>Regression: the settle deleted the record of an in-doubt outbox whose letter could not be written, and the next round sent it as new.</summary>
    [Test]
    public async Task Should_keep_it_in_doubt_while_its_letter_cannot_be_written()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var run = Guid.NewGuid().ToString("N");
        var log = new ConsumedLog(run);
        var inDoubt = Guid.NewGuid();
        await StagedPings.StageAsync(database, queues.Prefix, run, inDoubt);
        await database.ExecuteAsync("""
            INSERT INTO outbox_attempts (outbox_id, started_at) SELECT outbox_id, now() - interval '3 hours' FROM outbox_state;
            CREATE TABLE letters_refused (refused boolean);
            INSERT INTO letters_refused VALUES (true);
            CREATE FUNCTION refuse_letters() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM letters_refused) THEN RAISE EXCEPTION 'the store refuses letters'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_letters BEFORE INSERT ON dead_letters FOR EACH ROW EXECUTE FUNCTION refuse_letters();
            """);
        var messageId = await database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages");
        await using var service = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            bus => bus.AddConsumer<PingConsumer>(), settings: new Dictionary<string, string?>(Window)
            {
                ["Messaging:Outbox:RetryDelay"] = "00:00:00.200",
                ["Messaging:Outbox:MaxRetryDelay"] = "00:00:00.400",
            }, configure: b => b.Services.AddSingleton(log));

        await Eventually.Until(async () => await database.ScalarAsync<long>("SELECT count(*) FROM outbox_state WHERE failed_attempts < 2") == 0,
            "two rounds failed to write its letter (or, without the fix, the outbox was sent and deleted)");
        var kept = await database.ScalarAsync<long>("SELECT count(*) FROM outbox_attempts WHERE started_at < now() - interval '2 hours'");
        await database.ExecuteAsync("DELETE FROM letters_refused");
        var letter = await DeadLetterLookup.UndeliverableAsync(service, messageId);

        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.EqualTo(1), "its record kept");
            Assert.That(letter.ExceptionType, Is.EqualTo(typeof(InDoubtDeliveryException).FullName));
            Assert.That(log.CountOf(inDoubt), Is.Zero, "not sent again");
        });
    }
}

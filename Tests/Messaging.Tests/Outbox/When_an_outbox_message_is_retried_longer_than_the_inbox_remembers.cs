using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// Regression: retries had no time limit while the bus was not Healthy. A try whose confirm was lost in a connection
/// drop may have been consumed; after an outage longer than the duplicate-detection window the inbox had forgotten
/// it and the re-send took effect twice. A head message that first failed longer ago than the window (less its
/// margin) is now a dead letter, decided on PostgreSQL alone.
/// </summary>
public sealed class When_an_outbox_message_is_retried_longer_than_the_inbox_remembers
{
    private static readonly Dictionary<string, string?> Window = new() { ["Messaging:Outbox:DuplicateDetectionWindow"] = "02:00:00" };

    [Test]
    public async Task Should_make_it_a_dead_letter_instead_of_sending_it_again()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        var run = Guid.NewGuid().ToString("N");
        var log = new ConsumedLog(run);
        var retried = Guid.NewGuid();
        var next = Guid.NewGuid();
        await StagedPings.StageAsync(database, queues.Prefix, run, retried, next);

        // What a head message failing since a day ago leaves behind (the outage's cause does not matter).
        await database.ExecuteAsync("UPDATE outbox_state SET failed_attempts = 3, first_failed_at = now() - interval '1 day'");
        var messageId = await database.ScalarAsync<Guid>("SELECT message_id FROM outbox_messages ORDER BY sequence_number LIMIT 1");
        await using var service = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            bus => bus.AddConsumer<PingConsumer>(), settings: Window, configure: b => b.Services.AddSingleton(log));

        var letter = await DeadLetterLookup.UndeliverableAsync(service, messageId);
        await Eventually.Until(() => log.CountOf(next) == 1, "the message behind it is delivered");

        Assert.Multiple(() =>
        {
            Assert.That(letter.ExceptionType, Is.EqualTo(typeof(InDoubtDeliveryException).FullName));
            Assert.That(log.CountOf(retried), Is.Zero, "not sent again");
        });
    }
}

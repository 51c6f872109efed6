using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;
using Microsoft.Extensions.Logging;

namespace AgentLightning.DeadLetters.Tests;

public sealed class When_the_store_is_unreachable : DeadLetterFixture
{
    protected override bool StartsServiceAtSetUp => false;

    [Test]
    public async Task Should_leave_the_message_in_the_error_queue_until_a_collector_can_store_it()
    {
        var messageId = Guid.NewGuid();
        using var postgres = TcpProxy.ForPostgres();
        var logs = new CapturedLogs();
        await using (var cutOff = await StartServiceAsync(postgres.PostgresConnectionString(Database.Name), b => b.Logging.AddProvider(logs)))
        {
            postgres.Cut();
            await SendAsync(cutOff.Services, DoomedQueue, new DoomedCommand(messageId, "store is down"), messageId);

            await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 1, Unacknowledged: 1 },
                "the collector holds the message without acknowledging it");
            await Eventually.Until(() => logs.Count("DeadLetterCollector", LogLevel.Warning) > 0, "the collector reports the outage");
        }

        Assert.That(logs.Count("DeadLetterCollector", LogLevel.Warning), Is.EqualTo(1), "one warning for the outage, not one per attempt");
        await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 1, Ready: 1 },
            "the message is back in the _error queue");

        Service = await StartServiceAsync(Database.ConnectionString);
        var letter = await DeadLetterAsync(DoomedQueue, messageId);

        Assert.That(letter.Reason, Is.EqualTo(DeadLetterReason.Fault));
        Assert.That(letter.BodyText(), Does.Contain("store is down"));
        await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 0 }, "the _error queue is empty");
    }
}

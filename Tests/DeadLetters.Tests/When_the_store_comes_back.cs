using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Testing;
using Microsoft.Extensions.Logging;

namespace AgentLightning.DeadLetters.Tests;

public sealed class When_the_store_comes_back : DeadLetterFixture
{
    protected override bool StartsServiceAtSetUp => false;

    [Test]
    public async Task Should_drain_what_the_collector_held_without_a_restart()
    {
        using var postgres = TcpProxy.ForPostgres();
        var logs = new CapturedLogs();
        Service = await StartServiceAsync(postgres.PostgresConnectionString(Database.Name), b => b.Logging.AddProvider(logs));
        postgres.Cut();
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await SendAsync(DoomedQueue, new DoomedCommand(id, "while the store was away"), id);
        }

        await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 3 },
            "the messages wait in the _error queue");
        postgres.Restore();

        foreach (var id in ids)
        {
            Assert.That((await DeadLetterAsync(DoomedQueue, id)).Status, Is.EqualTo(DeadLetterStatus.Pending));
        }

        await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 0 }, "the _error queue is empty");
        await Eventually.Until(() => logs.Count("DeadLetterCollector", LogLevel.Information) > 0, "the collector reports the store is back");
        Assert.That(logs.Count("DeadLetterCollector", LogLevel.Warning), Is.EqualTo(1));
    }
}

using AgentLightning.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentLightning.DeadLetters.Tests;

public sealed class When_the_store_is_unreachable : DeadLetterFixture
{
    protected override bool StartsServiceAtSetUp => false;

    [Test]
    public async Task Should_leave_the_message_in_the_error_queue_until_a_collector_can_store_it()
    {
        var messageId = Guid.NewGuid();
        using var postgres = new UnreachablePostgres();
        var logs = new CapturedLogs();
        using (var broken = await StartWithUnreachableStoreAsync(postgres.Port, logs))
        {
            await SendAsync(broken.Services, DoomedQueue, new DoomedCommand(messageId, "store is down"), messageId);

            await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 1, Unacknowledged: 1 },
                "the collector holds the message without acknowledging it");
            await Eventually.Until(() => postgres.Connections >= 4, "the collector tried the store again");
            Assert.That(logs.Count("DeadLetterCollector", LogLevel.Warning), Is.EqualTo(1), "one warning for the outage, not one per attempt");
            await broken.StopAsync();
        }

        await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 1, Ready: 1 },
            "the message is back in the _error queue");

        Service = await StartServiceAsync(Database.ConnectionString);
        var letter = await DeadLetterAsync(DoomedQueue, messageId);

        Assert.That(letter.ExceptionMessage, Is.EqualTo("Doomed: store is down"));
        await Eventually.Until(async () => await Management.QueueAsync(DoomedQueue + "_error") is { Messages: 0 }, "the _error queue is empty");
    }

    /// <summary>The service with its bus and collector, but a PostgreSQL address where nothing answers (and no migration).</summary>
    private async Task<IHost> StartWithUnreachableStoreAsync(int port, CapturedLogs logs)
    {
        var postgres = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = port, Timeout = 2 }.ConnectionString;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Configuration.AddInMemoryCollection(Settings(Prefix));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["Service:Name"] = ServiceName,
        });
        builder.Services.AddSingleton(NpgsqlDataSource.Create(postgres));
        AddMessaging(builder);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

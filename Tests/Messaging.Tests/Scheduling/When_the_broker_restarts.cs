using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>Runs on a RabbitMQ node of its own, stopped while messages fall due and started again.</summary>
[NonParallelizable]
public sealed class When_the_broker_restarts : SchedulerFixture
{
    private const string Dispatcher = "AgentLightning.Infrastructure.Messaging.Scheduling.ScheduledMessageDispatcher";
    private const int Messages = 5;

    private RabbitMqInstance _broker = null!;

    [OneTimeSetUp]
    public async Task StartBroker() => _broker = await RabbitMqInstance.StartAsync();

    [OneTimeTearDown]
    public async Task StopBroker() => await _broker.DisposeAsync();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:RabbitMq"] = _broker.ConnectionString;
        settings["Messaging:Scheduler:SendTimeout"] = "00:00:01";
        settings["Messaging:Scheduler:MaxBackoff"] = "00:00:01";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_warn_once_probe_one_message_at_a_time_and_deliver_all_once_it_is_back()
    {
        var logs = new CapturedLogs();
        var host = await StartHostAsync(configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<CapturedLogs>(Dispatcher, LogLevel.Debug);
        });
        await _broker.StopAsync();

        // Scheduling needs PostgreSQL only.
        var ids = Enumerable.Range(0, Messages).Select(_ => Guid.NewGuid()).ToArray();
        await InRequestAsync(host, async scheduler =>
        {
            foreach (var id in ids)
            {
                await scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddSeconds(1), new ScheduledPing(id));
            }
        });

        await Eventually.Until(() => BrokerFailures(logs) >= 3, "the dispatcher keeps probing the broker");
        var attempts = await Rows.TotalAttemptsAsync();
        var probes = BrokerFailures(logs);
        await _broker.StartAgainAsync();

        await Eventually.Until(() => ids.All(id => Deliveries.For(id).Count > 0), "every message is delivered once the broker is back", TimeSpan.FromMinutes(2));
        await Eventually.Until(() => logs.Messages(Dispatcher, LogLevel.Information).Any(m => m.Contains("works again", StringComparison.Ordinal)),
            "the recovery is logged");
        var dispatched = Dispatched(host);
        await StopHostAsync(host);

        Assert.That(logs.Messages(Dispatcher, LogLevel.Warning), Has.Count.EqualTo(1), "one warning per outage");
        Assert.That(attempts, Is.LessThanOrEqualTo(Messages + probes), "after the first failed batch, one message per try");
        Assert.That(await Rows.CountAsync(), Is.Zero);
        Assert.That(ids.Select(id => Deliveries.MessageIdsFor(id).Count), Is.All.EqualTo(1));
        Assert.That(dispatched, Is.EqualTo(Messages), "each sent once");
    }

    private static int BrokerFailures(CapturedLogs logs) =>
        logs.Messages(Dispatcher, LogLevel.Debug).Count(m => m.Contains("(Broker)", StringComparison.Ordinal));
}

using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>RabbitMQ gone for this fixture's host only: its connection runs through a proxy the test cuts.</summary>
public sealed class When_the_broker_is_unreachable : SchedulerFixture
{
    private const string Dispatcher = "AgentLightning.Infrastructure.Messaging.Scheduling.ScheduledMessageDispatcher";
    private const int Messages = 5;

    private TcpProxy _proxy = null!;

    [OneTimeSetUp]
    public void StartProxy() => _proxy = TcpProxy.Start(new Uri(TestServers.RabbitMq).Port);

    [OneTimeTearDown]
    public async Task StopProxy() => await _proxy.DisposeAsync();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        var broker = new UriBuilder(TestServers.RabbitMq) { Port = _proxy.Port };
        settings["ConnectionStrings:RabbitMq"] = broker.Uri.ToString();
        settings["Messaging:Scheduler:SendTimeout"] = "00:00:01";
        settings["Messaging:Scheduler:MaxBackoff"] = "00:00:01";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_warn_once_probe_one_message_at_a_time_and_deliver_all_when_it_is_back()
    {
        var logs = new CapturedLogs();
        var host = await StartHostAsync(configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<CapturedLogs>(Dispatcher, LogLevel.Debug);
        });
        var ids = Enumerable.Range(0, Messages).Select(_ => Guid.NewGuid()).ToArray();
        await host.InScopeAsync(async sp =>
        {
            var scheduler = sp.GetRequiredService<IMessageScheduler>();
            foreach (var id in ids)
            {
                await scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddMilliseconds(500), new ScheduledPing(id));
            }
        });

        _proxy.GoDown();
        await Eventually.Until(() => logs.Messages(Dispatcher, LogLevel.Debug).Count(m => m.Contains("Broker", StringComparison.Ordinal)) >= 3,
            "the dispatcher keeps probing the broker");
        var triesSoFar = logs.Messages(Dispatcher, LogLevel.Debug).Count(m => m.Contains("Broker", StringComparison.Ordinal));
        var attempts = await Rows.TotalAttemptsAsync();
        _proxy.ComeBack();

        await Eventually.Until(() => ids.All(id => Deliveries.For(id).Count == 1), "every message is delivered once the broker is back", TimeSpan.FromSeconds(60));
        await Eventually.Until(() => logs.Messages(Dispatcher, LogLevel.Information).Any(m => m.Contains("works again", StringComparison.Ordinal)),
            "the recovery is logged");

        await StopHostAsync(host);
        Assert.That(logs.Messages(Dispatcher, LogLevel.Warning), Has.Count.EqualTo(1), "one warning per outage");
        Assert.That(attempts, Is.LessThanOrEqualTo(Messages + triesSoFar), "after the first batch failed, one message per try");
        Assert.That(await Rows.CountAsync(), Is.Zero);
        Assert.That(ids.Select(id => Deliveries.For(id).Count), Is.All.EqualTo(1));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>PostgreSQL failing every dispatch (the table renamed away), without stopping the shared server.</summary>
public sealed partial class When_the_schedule_table_cannot_be_read : SchedulerFixture
{
    private const string Dispatcher = "AgentLightning.Infrastructure.Messaging.Scheduling.ScheduledMessageDispatcher";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:Scheduler:PollInterval"] = "00:00:00.200";
        settings["Messaging:Scheduler:MaxBackoff"] = "00:00:01";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_warn_once_back_off_and_log_the_recovery()
    {
        var logs = new CapturedLogs();
        var host = await StartHostAsync(configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<CapturedLogs>(Dispatcher, LogLevel.Debug);
        });
        var id = Guid.NewGuid();
        await InRequestAsync(host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddSeconds(1), new ScheduledPing(id)));

        await Rows.ExecuteAsync("ALTER TABLE scheduled_messages RENAME TO scheduled_messages_away");
        await Eventually.Until(() => RetryDelays(logs).Count >= 5, "the dispatcher keeps trying");
        await Rows.ExecuteAsync("ALTER TABLE scheduled_messages_away RENAME TO scheduled_messages");

        await Eventually.Until(() => logs.Messages(Dispatcher, LogLevel.Information).Any(m => m.Contains("works again", StringComparison.Ordinal)),
            "the recovery is logged");
        await Eventually.Until(() => Deliveries.For(id).Count > 0, "the message that fell due during the outage is delivered");

        Assert.That(logs.Messages(Dispatcher, LogLevel.Warning), Has.Count.EqualTo(1), "one warning per outage");
        Assert.That(RetryDelays(logs).Take(5), Is.EqualTo(new[] { 0.2, 0.4, 0.8, 1.0, 1.0 }), "waits double from the poll interval up to the cap");
    }

    private static List<double> RetryDelays(CapturedLogs logs) =>
        logs.Messages(Dispatcher, LogLevel.Debug)
            .Select(m => NextTry().Match(m))
            .Where(m => m.Success)
            .Select(m => TimeSpan.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture).TotalSeconds)
            .ToList();

    [GeneratedRegex(@"next try in (\S+):")]
    private static partial Regex NextTry();
}

using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Regression: the dispatcher took a batch whose sends the broker all refused (nothing bound to their exchange yet)
/// for a broker outage: it probed one row at a time with a growing backoff, and every other due row waited.
/// A refusal is the broker answering, so it is left out of the outage decision.
/// </summary>
public sealed class When_due_messages_are_refused_by_their_destination : SchedulerFixture
{
    private const string Dispatcher = "AgentLightning.Infrastructure.Messaging.Scheduling.ScheduledMessageDispatcher";

    /// <summary>CommandSender.CommandHeader: what marks a message as a command.</summary>
    private const string CommandHeader = CommandHeaders.Command;

    protected override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ScheduledPingConsumer>();

    [Test]
    public async Task Should_not_take_them_for_a_broker_outage()
    {
        var logs = new CapturedLogs();
        var host = await StartHostAsync(configure: builder => builder.Logging.AddProvider(logs));
        var unbound = new Uri($"exchange:{Prefix}nothing-bound");
        // Commands are sent mandatory: with nothing bound, the broker returns them.
        var asCommand = Pipe.Execute<SendContext<ScheduledPing>>(context => context.Headers.Set(CommandHeader, true));
        await InRequestAsync(host, async scheduler =>
        {
            await scheduler.ScheduleSend(unbound, DateTime.UtcNow, new ScheduledPing(Guid.NewGuid()), asCommand);
            await scheduler.ScheduleSend(unbound, DateTime.UtcNow, new ScheduledPing(Guid.NewGuid()), asCommand);
        });

        await Eventually.Until(async () => (await Rows.TotalAttemptsAsync()) >= 2, "the broker refused both");
        var next = Guid.NewGuid();
        await InRequestAsync(host, scheduler => scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow, new ScheduledPing(next)));
        await Eventually.Until(() => Deliveries.For(next).Count > 0, "a later due message is delivered");

        Assert.That(logs.Messages(Dispatcher, LogLevel.Warning).Where(m => m.Contains("cannot work", StringComparison.Ordinal)), Is.Empty,
            "no outage began");
    }
}

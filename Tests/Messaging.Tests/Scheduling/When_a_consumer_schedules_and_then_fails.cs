using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Schedules and cancels made by a consumer commit with its attempt. Regression: they were written at once on a
/// connection of their own, so every failed attempt left a schedule behind (each retry one more, with a new
/// MessageId) and a failed attempt's cancel stayed done.
/// </summary>
public sealed class When_a_consumer_schedules_and_then_fails : SchedulerFixture
{
    private const int AttemptsPerDelivery = 3;

    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await StartHostAsync();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:Retry:Immediate"] = "2";
        settings["Messaging:Retry:Exponential"] = "0";
        // Polling once a minute, the dispatcher sends a message due now at once only if the commit wakes it. Due now, the
        // redelivery is sent at once too (the dispatcher waiting for a later due time may oversleep it until the next
        // poll: it looks for the next due row from the end of its pass, not from the time it claimed). A transient fault
        // on a loaded machine would blind it for the poll interval, up to MaxBackoff.
        settings["Messaging:Retry:Redelivery:0"] = "00:00:00";
        settings["Messaging:Scheduler:PollInterval"] = "00:01:00";
        settings["Messaging:Scheduler:MaxBackoff"] = "00:00:02";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScheduleThenFailConsumer>();
        bus.AddConsumer<ScheduledPingConsumer>();
    }

    [Test]
    public async Task Should_leave_no_schedule_once_every_attempt_has_failed_yet_still_redeliver_the_message()
    {
        var message = NewMessage(TimeSpan.FromHours(1), failedAttempts: int.MaxValue);
        var messageId = await SendAsync(message);

        await Eventually.Until(async () => await DeadLettersOfAsync(messageId) == 1, "the message is a dead letter after its retries and redelivery");

        Assert.That(Attempts(message).Select(a => a.RedeliveryCount).ToArray(), Is.EqualTo(new[] { 0, 0, 0, 1, 1, 1 }),
            "the redelivery, scheduled because the attempt failed, did not roll back with it");
        Assert.That(await Rows.PingsForAsync(message.Id), Is.Zero, "scheduled through the consume context");
        Assert.That(await Rows.PingsForAsync(message.ScopeId), Is.Zero, "scheduled through the scope's IMessageScheduler");
    }

    [Test]
    public async Task Should_leave_exactly_one_schedule_when_a_retry_succeeds()
    {
        var message = NewMessage(TimeSpan.FromHours(1), failedAttempts: AttemptsPerDelivery - 1);
        await SendAsync(message);

        await Eventually.Until(async () => Attempts(message).Any(a => a.Succeeded) && await Rows.PingsForAsync(message.Id) > 0,
            "the successful attempt has committed its schedule");

        Assert.That(Attempts(message).Select(a => a.Succeeded).ToArray(), Is.EqualTo(new[] { false, false, true }));
        Assert.That(await Rows.PingsForAsync(message.Id), Is.EqualTo(1), "scheduled through the consume context");
        Assert.That(await Rows.PingsForAsync(message.ScopeId), Is.EqualTo(1), "scheduled through the scope's IMessageScheduler");
    }

    [Test]
    public async Task Should_send_a_message_due_now_once_as_soon_as_the_successful_attempt_commits()
    {
        var sentBefore = Dispatched(_host);
        var message = NewMessage(TimeSpan.Zero, failedAttempts: 1);
        await SendAsync(message);

        await Eventually.Until(() => Deliveries.For(message.Id).Any(IsPing) && Deliveries.For(message.ScopeId).Any(IsPing),
            "both pings are consumed, long before the dispatcher's next poll", TimeSpan.FromSeconds(30));
        await Eventually.Until(async () => await Rows.PingsForAsync(message.Id) + await Rows.PingsForAsync(message.ScopeId) == 0,
            "no scheduled ping is left");

        // The pass counts its sends just after its commit, so the rows can be gone a moment before they are counted.
        await Eventually.Until(() => Dispatched(_host) - sentBefore >= 2, "the pass that sent the pings has counted them");
        Assert.That(Dispatched(_host) - sentBefore, Is.EqualTo(2), "one ping of each kind sent: the failed attempt's rolled back");
        Assert.That(Deliveries.For(message.Id).Where(IsPing).Select(d => d.MessageId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(Deliveries.For(message.ScopeId).Where(IsPing).Select(d => d.MessageId).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_keep_a_schedule_whose_cancel_failed_with_its_attempt()
    {
        var kept = await InRequestAsync(_host, scheduler =>
            scheduler.ScheduleSend(AddressOf<ScheduledPingConsumer>(), DateTime.UtcNow.AddHours(1), new ScheduledPing(Guid.NewGuid())));
        var message = NewMessage(TimeSpan.FromHours(1), failedAttempts: int.MaxValue) with { CancelToken = kept.TokenId };
        var messageId = await SendAsync(message);

        await Eventually.Until(async () => await DeadLettersOfAsync(messageId) == 1, "the message is a dead letter after its retries and redelivery");

        Assert.That(await Rows.ForTokenAsync(kept.TokenId), Is.Not.Null);
    }

    private ScheduleThenFail NewMessage(TimeSpan delay, int failedAttempts) =>
        new(Guid.NewGuid(), Guid.NewGuid(), AddressOf<ScheduledPingConsumer>(), delay, failedAttempts);

    private async Task<Guid> SendAsync(ScheduleThenFail message)
    {
        var messageId = NewId.NextGuid();
        await SendToAsync<ScheduleThenFailConsumer, ScheduleThenFail>(_host, message, c => c.MessageId = messageId);
        return messageId;
    }

    private List<Delivery> Attempts(ScheduleThenFail message) =>
        Deliveries.For(message.Id).Where(d => d.Consumer == nameof(ScheduleThenFailConsumer)).ToList();

    private static bool IsPing(Delivery delivery) => delivery.Consumer == nameof(ScheduledPingConsumer);

    private Task<long> DeadLettersOfAsync(Guid messageId) =>
        Database.ScalarAsync<long>($"SELECT count(*) FROM dead_letters WHERE message_id = '{messageId}'");
}

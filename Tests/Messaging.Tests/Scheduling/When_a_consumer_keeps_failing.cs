using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Messaging.Tests.Scheduling;

public sealed class When_a_consumer_keeps_failing : SchedulerFixture
{
    // Per delivery: the call and its retries, one immediate and one exponential; then two scheduled redeliveries.
    // Regression: as two nested UseMessageRetry filters the exponential retries never ran (2 calls, not 3).
    private const int CallsPerDelivery = 3;

    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await StartHostAsync();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:Retry:Immediate"] = "1";
        settings["Messaging:Retry:Exponential"] = "1";
        settings["Messaging:Retry:MinInterval"] = "00:00:00.010";
        settings["Messaging:Retry:MaxInterval"] = "00:00:00.020";
        settings["Messaging:Retry:Redelivery:0"] = "00:00:00.500";
        settings["Messaging:Retry:Redelivery:1"] = "00:00:01";
    }

    protected override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<AlwaysFailsConsumer>();
        bus.AddConsumer<FailsTwiceConsumer>();
        bus.AddConsumer<InvalidConsumer>();
    }

    [Test]
    public async Task Should_retry_then_redeliver_through_the_scheduler_then_make_it_a_dead_letter()
    {
        var id = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        await SendToAsync<AlwaysFailsConsumer, AlwaysFails>(_host, new AlwaysFails(id), c =>
        {
            c.MessageId = messageId;
            c.Headers.Set("X-Test-Number", 5);
        });

        await Eventually.Until(async () => (await Rows.ForMessageAsync(messageId)).Any(r => r.RedeliveryCount == 1), "the first redelivery waits as a row");
        await Eventually.Until(async () => (await Rows.ForMessageAsync(messageId)).Any(r => r.RedeliveryCount == 2), "the second redelivery waits as a row");
        await Eventually.Until(async () => await DeadLettersOfAsync(messageId) == 1, "the message is a dead letter (through _error)");

        var calls = Deliveries.For(id);
        Assert.That(calls.Select(c => c.RedeliveryCount).ToArray(),
            Is.EqualTo(Enumerable.Range(0, 3).SelectMany(count => Enumerable.Repeat(count, CallsPerDelivery)).ToArray()));
        Assert.That(calls.Select(c => c.MessageId), Is.All.EqualTo(messageId));
        Assert.That(await Rows.ForMessageAsync(messageId), Is.Empty);

        // Headers survive the round trip through scheduled_messages (an integer once came back a double).
        Assert.That(await Database.ScalarAsync<int>($"SELECT redelivery_count FROM dead_letters WHERE message_id = '{messageId}'"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<int>($"SELECT attempt_count FROM dead_letters WHERE message_id = '{messageId}'"), Is.EqualTo(3 * CallsPerDelivery));
        Assert.That(await Database.ScalarAsync<string>($"SELECT headers::text FROM dead_letters WHERE message_id = '{messageId}'"), Does.Contain("X-Test-Number"));
    }

    [Test]
    public async Task Should_succeed_on_a_redelivery_without_reaching_the_error_queue()
    {
        var id = Guid.NewGuid();
        await SendToAsync<FailsTwiceConsumer, FailsTwice>(_host, new FailsTwice(id));

        await Eventually.Until(() => Deliveries.For(id).Any(d => d.Succeeded), "a redelivery succeeds");

        var calls = Deliveries.For(id);
        Assert.That(calls, Has.Count.EqualTo(2 * CallsPerDelivery + 1));
        Assert.That(calls.Count(c => c.Succeeded), Is.EqualTo(1));
        Assert.That(calls[^1].RedeliveryCount, Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM dead_letters WHERE source_queue LIKE '%fails-twice%'"), Is.Zero);
    }

    [Test]
    public async Task Should_make_an_invalid_message_a_dead_letter_without_retrying_it()
    {
        var id = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        await SendToAsync<InvalidConsumer, Invalid>(_host, new Invalid(id), c => c.MessageId = messageId);

        await Eventually.Until(async () => await DeadLettersOfAsync(messageId) == 1, "the message is a dead letter (through _error)");

        Assert.That(Deliveries.For(id), Has.Count.EqualTo(1), "invalid input is not retried, in process or by redelivery");
        Assert.That(await Rows.ForMessageAsync(messageId), Is.Empty);
    }

    private Task<long> DeadLettersOfAsync(Guid messageId) =>
        Database.ScalarAsync<long>($"SELECT count(*) FROM dead_letters WHERE message_id = '{messageId}'");
}

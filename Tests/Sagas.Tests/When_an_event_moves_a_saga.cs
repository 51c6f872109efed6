using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;

namespace AgentLightning.Sagas.Tests;

public sealed class When_an_event_moves_a_saga : SagaFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await StartHostAsync();

    [Test]
    public async Task Should_commit_the_state_its_message_and_its_transition_together()
    {
        var id = Guid.NewGuid();
        await SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");
        await SendAsync(_host, new PayOrder(id));
        await SendAsync(_host, new ShipOrder(id));

        await Eventually.Until(() => Events.For(id).Count == 3, "its three events are delivered");
        Assert.That(Events.For(id), Is.EqualTo(new[] { nameof(OrderSubmitted), nameof(OrderPaid), nameof(OrderShipped) }));
        Assert.That(await OrderAsync(id), Is.EqualTo("Final:1"), "finished instances are kept");
        Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted,Submitted>Paid,Paid>Final"));
        Assert.That(await CountAsync($"SELECT count(*) FROM test_orders WHERE correlation_id = '{id}' AND finished_at IS NOT NULL"), Is.EqualTo(1));
        Assert.That(await CountAsync($"""
            SELECT count(*) FROM saga_transitions
            WHERE correlation_id = '{id}' AND saga_type = 'TestOrderState' AND message_id IS NOT NULL AND conversation_id IS NOT NULL
              AND instance LIKE 'saga-test@%' AND event IN ('Submit', 'Pay', 'Ship')
            """), Is.EqualTo(3), "each transition names its event, message, conversation and instance");
    }

    [Test]
    public async Task Should_record_each_message_that_moved_it_or_made_it_send_with_what_it_sent()
    {
        var id = Guid.NewGuid();
        Guid[] messages = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        await SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1)), messages[0]);
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");
        await SendAsync(_host, new CountOrder(id), messages[1]);
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:2", "the count changes its data, and only that");
        await SendAsync(_host, new RemindOrder(id), messages[2]);
        await Eventually.Until(() => Events.For(id).Contains(nameof(OrderReminded)), "the reminder publishes without moving it");
        await SendAsync(_host, new PayOrder(id), messages[3]);
        await Eventually.Until(() => Events.For(id).Contains(nameof(OrderPaid)), "the payment moves it");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ConversationAsync(id), Is.EqualTo("SubmitOrder:OrderSubmitted! PaymentTimedOut@, RemindOrder:OrderReminded!, PayOrder:OrderPaid!"),
                "the count is not in it; the payment's cancel of the timeout is no message");
            Assert.That(await Database.ScalarAsync<string>($"SELECT string_agg(message_id::text, ',' ORDER BY sequence) FROM saga_conversation WHERE correlation_id = '{id}'"),
                Is.EqualTo(string.Join(',', messages[0], messages[2], messages[3])));
            Assert.That(await Database.ScalarAsync<Guid>($"SELECT (caused->0->>'messageId')::uuid FROM saga_conversation WHERE message_id = '{messages[2]}'"),
                Is.EqualTo(Events.MessageIdOf(id, nameof(OrderReminded))), "the id its subscriber received");
            Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted,Submitted>Paid"), "the reminder moved nothing");
        }
    }

    [Test]
    public async Task Should_leave_nothing_of_an_attempt_whose_commit_failed()
    {
        var id = Guid.NewGuid();
        await SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");
        var timeout = $"SELECT count(*) FROM scheduled_messages m JOIN test_orders o ON o.timeout_token_id = m.token_id WHERE o.correlation_id = '{id}'";
        Assert.That(await CountAsync(timeout), Is.EqualTo(1));

        Sabotage.Arm(id);
        await SendAsync(_host, new PayOrder(id));
        await Eventually.Until(() => Sabotage.Crashes >= 2, "the payment's attempts crash before their commit");

        Assert.That(await OrderAsync(id), Is.EqualTo("Submitted:1"), "state");
        Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted"), "transitions");
        Assert.That(await CountAsync("SELECT count(*) FROM outbox_messages"), Is.Zero, "outgoing messages");
        Assert.That(await CountAsync(timeout), Is.EqualTo(1), "the timeout is not cancelled");

        // Retried (scheduled redelivery) once the crashes stop: it takes effect once.
        Sabotage.Disarm();
        await Eventually.Until(() => Events.For(id).Contains(nameof(OrderPaid)), "the payment is applied", TimeSpan.FromSeconds(60));
        Assert.That(await OrderAsync(id), Is.EqualTo("Paid:1"));
        Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted,Submitted>Paid"));
        Assert.That(Events.For(id).Count(e => e == nameof(OrderPaid)), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_move_it_once_when_the_same_message_arrives_three_times()
    {
        var id = Guid.NewGuid();
        await SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");
        var messageId = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SendAsync(_host, new CountOrder(id), messageId)));
        await SendAsync(_host, new PayOrder(id));

        await Eventually.Until(async () => (await OrderAsync(id)).StartsWith("Paid", StringComparison.Ordinal), "the payment after them is applied");
        await Eventually.Until(async () => await CountAsync($"SELECT count(*) FROM inbox_state WHERE message_id = '{messageId}'") == 1, "the count is marked");
        Assert.That(await OrderAsync(id), Is.EqualTo("Paid:2"), "counted once");
    }
}

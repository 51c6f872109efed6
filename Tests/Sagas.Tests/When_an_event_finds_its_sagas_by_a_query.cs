using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;

namespace AgentLightning.Sagas.Tests;

/// <summary>Events correlated by a query on a non-key column (CorrelateBy on the customer): the repository's SendQuery.</summary>
public sealed class When_an_event_finds_its_sagas_by_a_query : SagaFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await StartHostAsync();

    [Test]
    public async Task Should_move_the_one_saga_that_matches_with_its_message_and_transition()
    {
        var customer = NewCustomer();
        var order = await SubmitAsync(_host, customer);
        var other = await SubmitAsync(_host, NewCustomer());

        await SendAsync(_host, new PayCustomerOrders(customer));

        await Eventually.Until(() => Events.For(order).Contains(nameof(OrderPaid)), "the order's payment is published");
        Assert.That(await OrderAsync(order), Is.EqualTo("Paid:1"));
        Assert.That(await TransitionsAsync(order), Is.EqualTo("Initial>Submitted,Submitted>Paid"));
        Assert.That(await CountAsync($"SELECT count(*) FROM saga_transitions WHERE correlation_id = '{order}' AND event = 'PayCustomer'"), Is.EqualTo(1));
        Assert.That(await CountAsync(
            $"SELECT count(*) FROM scheduled_messages m JOIN test_orders o ON o.timeout_token_id = m.token_id WHERE o.correlation_id = '{order}'"),
            Is.Zero, "its timeout is cancelled with the move");
        Assert.That(await OrderAsync(other), Is.EqualTo("Submitted:1"), "another customer's order");
        Assert.That(await TransitionsAsync(other), Is.EqualTo("Initial>Submitted"));
    }

    [Test]
    public async Task Should_move_every_saga_that_matches()
    {
        var customer = NewCustomer();
        var orders = new[] { await SubmitAsync(_host, customer), await SubmitAsync(_host, customer), await SubmitAsync(_host, customer) };
        var other = await SubmitAsync(_host, NewCustomer());
        var messageId = Guid.NewGuid();

        await SendAsync(_host, new PayCustomerOrders(customer), messageId);

        await Eventually.Until(() => orders.All(o => Events.For(o).Contains(nameof(OrderPaid))), "each order's payment is published");
        foreach (var order in orders)
        {
            Assert.That(await OrderAsync(order), Is.EqualTo("Paid:1"));
            Assert.That(await TransitionsAsync(order), Is.EqualTo("Initial>Submitted,Submitted>Paid"));
        }

        Assert.That(await CountAsync($"SELECT count(*) FROM saga_transitions WHERE message_id = '{messageId}'"), Is.EqualTo(3), "one message, three moves");
        Assert.That(await OrderAsync(other), Is.EqualTo("Submitted:1"), "another customer's order");
    }

    [Test]
    public async Task Should_discard_it_when_none_matches_as_its_machine_says()
    {
        var order = await SubmitAsync(_host, NewCustomer());
        var messageId = Guid.NewGuid();

        await SendAsync(_host, new PayCustomerOrders(NewCustomer()), messageId);

        await Eventually.Until(() => ConsumedAsync(messageId), "the payment is consumed");
        Assert.That(await CountAsync($"SELECT count(*) FROM saga_transitions WHERE message_id = '{messageId}'"), Is.Zero);
        Assert.That(await CountAsync($"SELECT count(*) FROM dead_letters WHERE message_id = '{messageId}'"), Is.Zero, "nothing faulted");
        Assert.That(await OrderAsync(order), Is.EqualTo("Submitted:1"));
    }

    [Test]
    public async Task Should_leave_nothing_of_an_attempt_whose_commit_failed()
    {
        var customer = NewCustomer();
        var order = await SubmitAsync(_host, customer);

        Sabotage.Arm(order);
        await SendAsync(_host, new PayCustomerOrders(customer));
        await Eventually.Until(() => Sabotage.Crashes >= 2, "the payment's attempts crash before their commit");

        Assert.That(await OrderAsync(order), Is.EqualTo("Submitted:1"), "state");
        Assert.That(await TransitionsAsync(order), Is.EqualTo("Initial>Submitted"), "transitions");
        Assert.That(await CountAsync("SELECT count(*) FROM outbox_messages"), Is.Zero, "outgoing messages");

        Sabotage.Disarm();
        await Eventually.Until(() => Events.For(order).Contains(nameof(OrderPaid)), "the payment is applied", TimeSpan.FromSeconds(60));
        Assert.That(await OrderAsync(order), Is.EqualTo("Paid:1"));
        Assert.That(await TransitionsAsync(order), Is.EqualTo("Initial>Submitted,Submitted>Paid"));
        Assert.That(Events.For(order).Count(e => e == nameof(OrderPaid)), Is.EqualTo(1));
    }
}

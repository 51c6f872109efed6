using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;

namespace AgentLightning.Sagas.Tests;

public sealed class When_a_saga_schedules_a_timeout : SagaFixture
{
    [Test]
    public async Task Should_write_it_with_the_state_and_compensate_when_it_fires()
    {
        var host = await StartHostAsync();
        var id = Guid.NewGuid();

        await SendAsync(host, new SubmitOrder(id, TimeSpan.FromSeconds(2)));

        await Eventually.Until(async () => await OrderAsync(id) != "", "the saga is stored");
        Assert.That(await ScheduledTimeoutsAsync(id), Is.EqualTo(1), "the timeout committed with the state");
        await Eventually.Until(async () => await OrderAsync(id) == "Cancelled:1", "the timeout cancels the order");
        Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted,Submitted>Cancelled"));
        await Eventually.Until(() => Events.For(id).Contains(nameof(OrderCompensated)), "the compensation is published");
        await StopHostAsync(host);
    }

    [Test]
    public async Task Should_cancel_it_when_the_saga_moves_on_first()
    {
        var host = await StartHostAsync();
        var id = Guid.NewGuid();
        await SendAsync(host, new SubmitOrder(id, TimeSpan.FromMinutes(10)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");
        Assert.That(await ScheduledTimeoutsAsync(id), Is.EqualTo(1));
        var token = await Database.ScalarAsync<Guid>($"SELECT timeout_token_id FROM test_orders WHERE correlation_id = '{id}'");

        await SendAsync(host, new PayOrder(id));

        await Eventually.Until(async () => await OrderAsync(id) == "Paid:1", "the order is paid");
        Assert.That(await CountAsync($"SELECT count(*) FROM scheduled_messages WHERE token_id = '{token}'"), Is.Zero, "the timeout is cancelled with the move");
        Assert.That(await CountAsync($"SELECT count(*) FROM test_orders WHERE correlation_id = '{id}' AND timeout_token_id IS NULL"), Is.EqualTo(1));
        await StopHostAsync(host);
    }

    [Test]
    public async Task Should_fire_after_the_host_restarts()
    {
        var first = await StartHostAsync("first");
        var id = Guid.NewGuid();
        await SendAsync(first, new SubmitOrder(id, TimeSpan.FromSeconds(6)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");
        await StopHostAsync(first);
        Assert.That(await OrderAsync(id), Is.EqualTo("Submitted:1"), "the first host stopped before the timeout fired");

        var second = await StartHostAsync("second");
        await Eventually.Until(async () => await OrderAsync(id) == "Cancelled:1", "the next host fires the timeout");
        Assert.That(await CountAsync($"SELECT count(*) FROM saga_transitions WHERE correlation_id = '{id}' AND to_state = 'Cancelled' AND instance LIKE 'second@%'"), Is.EqualTo(1));
        await StopHostAsync(second);
    }

    private Task<long> ScheduledTimeoutsAsync(Guid id) => CountAsync(
        $"SELECT count(*) FROM scheduled_messages m JOIN test_orders o ON o.timeout_token_id = m.token_id WHERE o.correlation_id = '{id}'");
}

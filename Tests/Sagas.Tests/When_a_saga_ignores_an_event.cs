using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;

namespace AgentLightning.Sagas.Tests;

/// <summary>An event the saga's state ignores (a second payment of a paid order) is consumed without writing the saga's row.</summary>
public sealed class When_a_saga_ignores_an_event : SagaFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await StartHostAsync();

    [Test]
    public async Task Should_leave_its_last_move_and_row_version_as_they_were()
    {
        var id = Guid.NewGuid();
        await SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the order is submitted");
        await SendAsync(_host, new PayOrder(id));
        await Eventually.Until(async () => await OrderAsync(id) == "Paid:1", "the order is paid");
        var before = await RowAsync(id);

        var ignored = Guid.NewGuid();
        await SendAsync(_host, new PayOrder(id), ignored);
        await Eventually.Until(async () => await CountAsync($"SELECT count(*) FROM inbox_state WHERE message_id = '{ignored}'") == 1, "the payment is consumed");

        Assert.That(await RowAsync(id), Is.EqualTo(before), "updated_at and xmin: the row was not written");
        Assert.That(await OrderAsync(id), Is.EqualTo("Paid:1"));
        Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted,Submitted>Paid"));
    }

    private Task<string> RowAsync(Guid id) =>
        Database.ScalarAsync<string>($"SELECT updated_at::text || ' xmin ' || xmin::text FROM test_orders WHERE correlation_id = '{id}'");
}

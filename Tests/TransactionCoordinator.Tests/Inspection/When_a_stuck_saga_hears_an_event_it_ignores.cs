using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>A saga submitted two hours ago keeps receiving shipments, which its state ignores: it has not moved.</summary>
public sealed class When_a_stuck_saga_hears_an_event_it_ignores : InspectionFixture
{
    [Test]
    public async Task Should_still_be_listed_as_stuck_since_its_last_move()
    {
        var id = Guid.NewGuid();
        await InsertAsync(id, "Submitted", TimeSpan.FromHours(2));
        var movedAt = await MovedAtAsync(id);

        var ignored = Guid.NewGuid();
        await Host.SendAsync(new ShipOrder(id), ignored);
        await Eventually.Until(
            async () => await Database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{ignored}'") == 1, "the shipment is consumed");

        var stuck = await AllAsync("/sagas?olderThan=01:00:00");
        Assert.That(stuck.Select(s => s.GetProperty("correlationId").GetGuid()), Is.EqualTo(new[] { id }));
        Assert.That(await MovedAtAsync(id), Is.EqualTo(movedAt));
        Assert.That(await OrderAsync(id), Is.EqualTo("Submitted:1"));
    }

    private Task<string> MovedAtAsync(Guid id) =>
        Database.ScalarAsync<string>($"SELECT updated_at::text || ' xmin ' || xmin::text FROM inspected_orders WHERE correlation_id = '{id}'");
}

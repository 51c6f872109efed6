using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;

namespace AgentLightning.Sagas.Tests;

public sealed class When_finished_sagas_outlive_the_retention : SagaFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:Sagas:Retention"] = "00:00:03";
        settings["Messaging:Sagas:PurgeInterval"] = "00:00:00.200";
        settings["Messaging:Sagas:PurgeBatchSize"] = "1";
    }

    [Test]
    public async Task Should_purge_them_and_their_history_and_never_an_unfinished_one()
    {
        var host = await StartHostAsync();
        var finished = Guid.NewGuid();
        var running = Guid.NewGuid();
        await SendAsync(host, new SubmitOrder(running, TimeSpan.FromHours(1)));
        await SendAsync(host, new SubmitOrder(finished, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(finished) == "Submitted:1" && await OrderAsync(running) == "Submitted:1", "both are submitted");

        // Untouched for a month: old, but not finished.
        await Database.ExecuteAsync($"UPDATE test_orders SET created_at = now() - interval '30 days', updated_at = now() - interval '30 days' WHERE correlation_id = '{running}'");
        await Database.ExecuteAsync($"UPDATE saga_transitions SET recorded_at = now() - interval '30 days' WHERE correlation_id = '{running}'");
        await SendAsync(host, new PayOrder(finished));
        await SendAsync(host, new ShipOrder(finished));
        await Eventually.Until(async () => await OrderAsync(finished) == "Final:1", "one finishes");
        Assert.That(await TransitionsAsync(finished), Is.Not.Empty, "kept while the retention runs");

        await Eventually.Until(async () => await OrderAsync(finished) == "", "the finished saga is purged after the retention");
        Assert.That(await TransitionsAsync(finished), Is.Empty, "with its history");
        Assert.That(await OrderAsync(running), Is.EqualTo("Submitted:1"));
        Assert.That(await TransitionsAsync(running), Is.EqualTo("Initial>Submitted"));
        await StopHostAsync(host);
    }
}

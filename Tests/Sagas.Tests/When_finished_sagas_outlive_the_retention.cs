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
    public async Task Should_purge_them_their_history_and_their_conversation_and_never_an_unfinished_one()
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
        await Database.ExecuteAsync($"UPDATE saga_conversation SET received_at = now() - interval '30 days' WHERE correlation_id = '{running}'");
        await SendAsync(host, new PayOrder(finished));
        await SendAsync(host, new ShipOrder(finished));
        await Eventually.Until(async () => await OrderAsync(finished) == "Final:1", "one finishes");
        Assert.That(await TransitionsAsync(finished), Is.Not.Empty, "kept while the retention runs");
        Assert.That(await ConversationAsync(finished), Does.StartWith("SubmitOrder:"), "kept while the retention runs");

        await Eventually.Until(async () => await OrderAsync(finished) == "", "the finished saga is purged after the retention");
        Assert.That(await TransitionsAsync(finished), Is.Empty, "with its history");
        Assert.That(await ConversationAsync(finished), Is.Empty, "and its conversation");
        Assert.That(await OrderAsync(running), Is.EqualTo("Submitted:1"));
        Assert.That(await TransitionsAsync(running), Is.EqualTo("Initial>Submitted"));
        Assert.That(await ConversationAsync(running), Is.EqualTo("SubmitOrder:OrderSubmitted! PaymentTimedOut@"));
        await StopHostAsync(host);
    }

    [Test]
    public async Task Should_purge_the_old_history_and_conversation_of_a_saga_no_longer_stored()
    {
        var host = await StartHostAsync();
        // As a machine that asks SetCompletedWhenFinalized leaves it: history, no row.
        var (gone, recent) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var (id, age) in new[] { (gone, "30 days"), (recent, "0 days") })
        {
            await Database.ExecuteAsync($"""
                INSERT INTO saga_transitions (saga_type, correlation_id, from_state, to_state, event, recorded_at, instance)
                VALUES ('TestOrderState', '{id}', 'Initial', 'Final', 'Submit', now() - interval '{age}', 'test');
                INSERT INTO saga_conversation (saga_type, correlation_id, message_type, received_at, caused)
                VALUES ('TestOrderState', '{id}', 'urn:message:Test:SubmitOrder', now() - interval '{age}', '[]');
                """);
        }

        await Eventually.Until(async () => await TransitionsAsync(gone) == "", "the old history is purged");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ConversationAsync(gone), Is.Empty, "with its conversation");
            Assert.That(await TransitionsAsync(recent), Is.EqualTo("Initial>Final"), "a recent one is kept for the retention");
            Assert.That(await ConversationAsync(recent), Is.EqualTo("SubmitOrder:"));
        }

        await StopHostAsync(host);
    }
}

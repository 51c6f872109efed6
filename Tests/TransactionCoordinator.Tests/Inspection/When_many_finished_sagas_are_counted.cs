namespace AgentLightning.TransactionCoordinator.Tests.Inspection;

/// <summary>
/// Finished sagas past the exact-count limit are counted from the table's estimate, and say so, and shared out among
/// their outcomes as the column's statistics have them; running ones stay exact.
/// </summary>
public sealed class When_many_finished_sagas_are_counted : InspectionFixture
{
    [Test]
    public async Task Should_estimate_the_finished_and_count_the_running_exactly()
    {
        await Database.ExecuteAsync("""
            INSERT INTO inspected_orders (correlation_id, current_state, created_at, updated_at, finished_at, counter, outcome)
            SELECT gen_random_uuid(), CASE WHEN i <= 3 THEN 'Submitted' ELSE 'Final' END, now(), now(), CASE WHEN i > 3 THEN now() END, 1,
                   CASE WHEN i <= 3 THEN NULL WHEN i % 4 = 0 THEN 'compensated' ELSE 'completed' END
            FROM generate_series(1, 20003) i
            """);
        await Database.ExecuteAsync("ANALYZE inspected_orders");

        var order = (await GetAsync("/sagas/types")).GetProperty("types")[0];

        Assert.That(order.GetProperty("instances").GetProperty("Submitted").GetInt64(), Is.EqualTo(3));
        Assert.That(order.GetProperty("instances").GetProperty("Final").GetInt64(), Is.InRange(18_000, 22_000));
        Assert.That(order.GetProperty("estimated").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Final" }));
        Assert.That(order.GetProperty("outcomes").GetProperty("completed").GetInt64(), Is.InRange(13_500, 16_500), "15,000");
        Assert.That(order.GetProperty("outcomes").GetProperty("compensated").GetInt64(), Is.InRange(4_500, 5_500), "5,000");
    }
}

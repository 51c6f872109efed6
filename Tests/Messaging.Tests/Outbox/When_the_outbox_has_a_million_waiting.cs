using AgentLightning.Testing;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// The delivery claim must not slow down as the backlog grows: it has to walk the index from the oldest due
/// outbox and stop after one batch, never sort or scan the backlog. Checked on the plan, not on a clock.
/// </summary>
public sealed class When_the_outbox_has_a_million_waiting
{
    [Test]
    public async Task Should_claim_a_batch_through_the_index_without_reading_the_backlog()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        await using (var service = await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:DeliveryEnabled"] = "false" }))
        {
        }

        await database.ExecuteAsync("""
            INSERT INTO outbox_state (outbox_id, created_at, next_attempt_at, failed_attempts)
            SELECT gen_random_uuid(), now() - (i * interval '1 millisecond'), now() - (i * interval '1 millisecond'), 0
            FROM generate_series(1, 1000000) AS i;
            INSERT INTO outbox_messages (outbox_id, message_id, content_type, message_type, body, sent_time)
            SELECT outbox_id, gen_random_uuid(), 'application/vnd.masstransit+json', 'urn:message:Backlog', '{}', now()
            FROM outbox_state;
            ANALYZE outbox_state;
            ANALYZE outbox_messages;
            """);

        var plan = await database.ScalarAsync<string>("""
            EXPLAIN (ANALYZE, FORMAT JSON)
            WITH claimed AS (
                SELECT outbox_id, failed_attempts FROM outbox_state
                WHERE next_attempt_at <= now()
                ORDER BY next_attempt_at, created_at
                LIMIT 128
                FOR UPDATE SKIP LOCKED)
            SELECT c.outbox_id, m.sequence_number FROM claimed c LEFT JOIN outbox_messages m ON m.outbox_id = c.outbox_id
            ORDER BY c.outbox_id, m.sequence_number
            """);

        await TestContext.Out.WriteLineAsync(plan);
        Assert.That(plan, Does.Contain("ix_outbox_state_next_attempt_at_created_at"));
        Assert.That(plan, Does.Not.Contain("\"Seq Scan\""), "no sequential scan of the backlog");
        var rowsRead = System.Text.RegularExpressions.Regex.Matches(plan, "\"Actual Rows\": (\\d+)").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(rowsRead.Max(), Is.LessThanOrEqualTo(1_000), "rows any step of the plan produced");
    }
}

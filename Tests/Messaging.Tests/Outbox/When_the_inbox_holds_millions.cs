using System.Globalization;
using System.Text.RegularExpressions;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;
using Npgsql;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// Regression: the clean-up picked expired rows without an order, which PostgreSQL answers with a sequential scan
/// of the whole inbox, and it forgot the rows of messages with a pending dead letter, so a late replay of one was
/// sent again. Checked on the plan and on what is left, not on a clock; prints the table's size per row.
/// </summary>
public sealed class When_the_inbox_holds_millions
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(2);

    [Test]
    public async Task Should_clean_up_in_bounded_batches_through_the_index_and_keep_what_a_replay_needs()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        await using (await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:DeliveryEnabled"] = "false", ["Messaging:Outbox:InboxCleanupInterval"] = "01:00:00" }))
        {
        }

        // 800,000 rows within the window, 200,000 expired; one expired message has a pending dead letter.
        await database.ExecuteAsync("""
            INSERT INTO inbox_state (message_id, consumer_id, received_at)
            SELECT gen_random_uuid(), md5(i::text), now() - (i * interval '1 millisecond') - CASE WHEN i > 800000 THEN interval '3 hours' ELSE interval '0' END
            FROM generate_series(1, 1000000) AS i;
            ANALYZE inbox_state;
            """);
        var kept = await database.ScalarAsync<Guid>("SELECT message_id FROM inbox_state ORDER BY received_at LIMIT 1");
        await database.ExecuteAsync($$"""
            INSERT INTO dead_letters (id, message_id, message_types, body, headers, properties, source_service, source_queue, reason,
                retry_count, redelivery_count, attempt_count, failure_count, first_failed_at, last_failed_at, status, replay_count, updated_at)
            VALUES (gen_random_uuid(), '{{kept}}', '{}', '', '{}', '{}', 'test', 'exchange:test', 'undeliverable', 0, 0, 1, 1, now(), now(), 'pending', 0, now())
            """);
        await TestContext.Out.WriteLineAsync($"inbox_state: {await database.ScalarAsync<long>("SELECT pg_total_relation_size('inbox_state') / 1000000")} bytes per row, indexes included");

        var plan = await ExplainAsync(database);
        await TestContext.Out.WriteLineAsync(plan);
        Assert.That(plan, Does.Contain("ix_inbox_state_received_at"));
        Assert.That(plan, Does.Not.Contain("\"Seq Scan\""), "no sequential scan of the inbox");
        var rows = Regex.Matches(plan, "\"Actual Rows\": (\\d+)").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.That(rows.Max(), Is.LessThanOrEqualTo(InboxCleanup.BatchSize + 1), "rows any step of a batch produced: the batch and the kept row");

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        while (await InboxCleanup.DeleteBatchAsync(dataSource, Window, CancellationToken.None) == InboxCleanup.BatchSize)
        {
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM inbox_state WHERE received_at >= now() - interval '2 hours'"), Is.EqualTo(800_000));
            Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM inbox_state WHERE received_at < now() - interval '2 hours'"), Is.EqualTo(1));
            Assert.That(await database.ScalarAsync<long>($"SELECT count(*) FROM inbox_state WHERE message_id = '{kept}'"), Is.EqualTo(1), "the row a replay needs");
        });
    }

    /// <summary>The plan of one batch, executed in a transaction that is rolled back.</summary>
    private static async Task<string> ExplainAsync(ScratchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + InboxCleanup.DeleteBatchSql, connection, transaction)
        {
            Parameters = { new() { Value = Window.TotalMilliseconds }, new() { Value = InboxCleanup.BatchSize } },
        };
        var plan = (string)(await explain.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        return plan;
    }
}

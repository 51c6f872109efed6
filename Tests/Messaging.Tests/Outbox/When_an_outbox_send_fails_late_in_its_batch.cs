using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;
using Npgsql;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>
/// Regression: the backoff was added to the claim transaction's now(), its start. When the batch's sends took
/// longer than the backoff (a send that timed out), the failed outbox was due again at once.
/// </summary>
public sealed class When_an_outbox_send_fails_late_in_its_batch
{
    [Test]
    public async Task Should_back_off_from_the_failure_not_from_the_claim()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        await using (await MessagingTestHost.StartAsync(database.ConnectionString, queues.Prefix,
            settings: new Dictionary<string, string?> { ["Messaging:Outbox:DeliveryEnabled"] = "false" }))
        {
        }

        var outboxId = Guid.NewGuid();
        await database.ExecuteAsync($"INSERT INTO outbox_state (outbox_id, created_at, next_attempt_at, failed_attempts) VALUES ('{outboxId}', now(), now(), 0)");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claimed = await OutboxBatch.ClaimAsync(connection, transaction, 10, TimeSpan.FromHours(2), CancellationToken.None);

        // Stands for sends that took longer than the backoff; the claim's now() stays where it was.
        await using (var slowSends = new NpgsqlCommand("SELECT pg_sleep(0.5)", connection, transaction))
        {
            await slowSends.ExecuteNonQueryAsync();
        }

        claimed.Single().Failure = "TimeoutException: not confirmed";
        var failedAt = await ScalarAsync<DateTime>(connection, transaction, "SELECT clock_timestamp()");
        await OutboxBatch.SettleAsync(connection, transaction, claimed, _ => TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await transaction.CommitAsync();

        var nextAttempt = await database.ScalarAsync<DateTime>($"SELECT next_attempt_at FROM outbox_state WHERE outbox_id = '{outboxId}'");
        Assert.That(nextAttempt, Is.GreaterThanOrEqualTo(failedAt.AddMilliseconds(200)), "due a backoff after the failure");
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

using AgentLightning.Infrastructure.Persistence.Retention;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AgentLightning.Infrastructure.Tests.Persistence;

/// <summary>
/// The tables that grew forever: each purge deletes the rows past its window (defaults: a day for cancel markers, a
/// week for the rest) and keeps recent rows and rows still in use. Batches of 2, so every purge runs several.
/// </summary>
public sealed class When_old_rows_are_purged
{
    private const string Old = "now() - interval '30 days'";
    private const string Recent = "now() - interval '1 hour'";

    private ScratchDatabase _database = null!;
    private PlatformTestHost _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await ScratchDatabase.CreateAsync();
        _service = await PlatformTestHost.StartAsync(_database.ConnectionString, TestServers.Redis, "t" + Guid.NewGuid().ToString("N")[..12],
            settings: new Dictionary<string, string?> { ["Retention:BatchSize"] = "2", ["Retention:Interval"] = "01:00:00" });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private RetentionService Retention => _service.Services.GetServices<IHostedService>().OfType<RetentionService>().Single();

    [Test]
    public async Task Should_forget_old_sent_commands()
    {
        var (old, recent) = await InsertAsync(3, 1, (id, at) => $"INSERT INTO sent_commands VALUES ('{id}', 'CreateAgent', {at})");

        await PurgeAsync();

        Assert.That(await RemainingAsync("sent_commands", "message_id", [.. old, .. recent]), Is.EquivalentTo(recent));
    }

    [Test]
    public async Task Should_forget_runs_ended_long_ago_and_keep_running_ones()
    {
        var (old, recent) = await InsertAsync(3, 1, (id, at) =>
            $"INSERT INTO agent_workflow_activity (run_id, agent_ids, ended, ended_at) VALUES ('{id}', ARRAY['a'], true, {at})");
        var running = await InsertAsync(1, 0, (id, _) =>
            $"INSERT INTO agent_workflow_activity (run_id, agent_ids, ended) VALUES ('{id}', ARRAY['a'], false)");

        await PurgeAsync();

        Assert.That(await RemainingAsync("agent_workflow_activity", "run_id", [.. old, .. recent, .. running.Old]),
            Is.EquivalentTo(recent.Concat(running.Old)));
    }

    [Test]
    public async Task Should_forget_old_released_and_refused_reservations_and_keep_held_ones()
    {
        var (released, recent) = await InsertAsync(2, 1, (id, at) => Reservation(id, "released", at));
        var (refused, _) = await InsertAsync(2, 0, (id, at) => Reservation(id, "refused", at));
        var (held, _) = await InsertAsync(2, 0, (id, at) => Reservation(id, "held", at));

        await PurgeAsync();

        Assert.That(await RemainingAsync("model_capacity_reservations", "reservation_id", [.. released, .. refused, .. held, .. recent]),
            Is.EquivalentTo(held.Concat(recent)));
    }

    [Test]
    public async Task Should_forget_refresh_tokens_expired_long_ago_and_keep_the_others()
    {
        var user = Guid.NewGuid();
        await _database.ExecuteAsync($"""
            INSERT INTO users (id, user_name, email, password_hash, role, active, failed_login_count, created_at, updated_at, version)
            VALUES ('{user}', 'u{user:N}', 'u@example.test', 'x', 'viewer', true, 0, now(), now(), 1)
            """);
        var (old, recent) = await InsertAsync(3, 1, (id, at) => Token(id, user, at));
        var (valid, _) = await InsertAsync(1, 0, (id, _) => Token(id, user, "now() + interval '1 day'"));

        await PurgeAsync();

        Assert.That(await RemainingAsync("refresh_tokens", "id", [.. old, .. recent, .. valid]), Is.EquivalentTo(recent.Concat(valid)));
    }

    [Test]
    public async Task Should_forget_old_cancel_markers_and_keep_waiting_executions()
    {
        var (old, recent) = await InsertAsync(3, 1, (id, at) => Execution(id, "cancelled", at));
        var (waiting, _) = await InsertAsync(1, 0, (id, at) => Execution(id, "waiting", at));

        await PurgeAsync();

        Assert.That(await RemainingAsync("model_executions", "task_id", [.. old, .. recent, .. waiting]), Is.EquivalentTo(recent.Concat(waiting)));
    }

    [Test]
    public async Task Should_forget_webhooks_delivered_long_ago_with_their_attempts_and_keep_pending_and_failed_ones()
    {
        var integration = Guid.NewGuid();
        await _database.ExecuteAsync($"""
            INSERT INTO integrations (id, name, kind, url, channels, active, created_at, updated_at, version)
            VALUES ('{integration}', 'i', 'webhook', 'https://example.test/hook', ARRAY['*'], true, now(), now(), 1)
            """);
        var (old, recent) = await InsertAsync(3, 1, (id, at) => Delivery(id, integration, "delivered", at));
        var (failed, _) = await InsertAsync(1, 0, (id, at) => Delivery(id, integration, "failed", at));
        var (pending, _) = await InsertAsync(1, 0, (id, at) => Delivery(id, integration, "pending", at));
        await _database.ExecuteAsync($"""
            INSERT INTO webhook_attempts (delivery_id, number, at, status_code, duration_ms, succeeded)
            SELECT id, 1, now(), 200, 1, true FROM webhook_deliveries WHERE integration_id = '{integration}'
            """);

        await PurgeAsync();

        var kept = recent.Concat(failed).Concat(pending).ToArray();
        Assert.Multiple(async () =>
        {
            Assert.That(await RemainingAsync("webhook_deliveries", "id", [.. old, .. kept]), Is.EquivalentTo(kept));
            Assert.That(await RemainingAsync("webhook_attempts", "delivery_id", [.. old, .. kept]), Is.EquivalentTo(kept));
        });
    }

    [Test]
    public async Task Should_leave_the_pass_to_the_instance_that_holds_the_lock()
    {
        var (old, _) = await InsertAsync(1, 0, (id, at) => $"INSERT INTO sent_commands VALUES ('{id}', 'CreateAgent', {at})");
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('al:purge:Retention', 0))", other))
        {
            await take.ExecuteScalarAsync();
        }

        var purged = await Retention.PurgeOnceAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(purged, Is.False);
            Assert.That(await RemainingAsync("sent_commands", "message_id", old), Is.EquivalentTo(old));
        });
    }

    private async Task PurgeAsync() => Assert.That(await Retention.PurgeOnceAsync(CancellationToken.None), Is.True);

    private static string Reservation(Guid id, string status, string at) =>
        $"INSERT INTO model_capacity_reservations (reservation_id, model, status, created_at) VALUES ('{id}', 'm', '{status}', {at})";

    private static string Token(Guid id, Guid user, string expiresAt) =>
        $"INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at) VALUES ('{id}', '{id}', '{user}', '\\x{id:N}', now() - interval '60 days', {expiresAt})";

    private static string Execution(Guid id, string status, string at) =>
        $"INSERT INTO model_executions (task_id, model, agent_id, description, priority, status, attempts, enqueued_at) VALUES ('{id}', 'm', 'a', '', 0, '{status}', 0, {at})";

    private static string Delivery(Guid id, Guid integration, string status, string at) => $"""
        INSERT INTO webhook_deliveries (id, integration_id, event_id, channel, body, status, attempt_count, attempts_before_round, created_at, delivered_at)
        VALUES ('{id}', '{integration}', '{id}', 'agent:created', 'null', '{status}', 1, 0, {at}, {(status == "delivered" ? at : "NULL")})
        """;

    /// <summary>Inserts rows dated 30 days and 1 hour ago; returns their ids.</summary>
    private async Task<(Guid[] Old, Guid[] Recent)> InsertAsync(int old, int recent, Func<Guid, string, string> insert)
    {
        var (olds, recents) = (NewIds(old), NewIds(recent));
        foreach (var id in olds)
        {
            await _database.ExecuteAsync(insert(id, Old));
        }

        foreach (var id in recents)
        {
            await _database.ExecuteAsync(insert(id, Recent));
        }

        return (olds, recents);
    }

    private async Task<Guid[]> RemainingAsync(string table, string key, params Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {key} FROM {table} WHERE {key} = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", ids);
        var remaining = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            remaining.Add(reader.GetGuid(0));
        }

        return [.. remaining];
    }

    private static Guid[] NewIds(int count) => [.. Enumerable.Range(0, count).Select(_ => Guid.NewGuid())];
}

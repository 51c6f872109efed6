using System.Net;
using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;
using StackExchange.Redis;

namespace AgentLightning.AgentDesigner.Tests.Processes;

/// <summary>
/// A writer process is SIGKILLed after its commit and before the cache shows the change; a reader process
/// elsewhere must not serve the old value. The writer reaches Redis and PostgreSQL through proxies the test
/// turns into a hang at the right request.
/// </summary>
public sealed class When_a_writer_is_killed_after_its_commit
{
    private const string PendingTtl = "00:00:02.917";

    private TestPlatform _platform = null!;
    private ConnectionMultiplexer _redis = null!;

    private ServiceProcess Reader => _platform.Service(0);

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await TestPlatform.StartAsync(services: 1);
        _redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _redis.DisposeAsync();
        await _platform.DisposeAsync();
    }

    [Test]
    public async Task Should_keep_readers_on_postgres_while_its_marker_lives_and_then_serve_the_commit()
    {
        using var redis = TcpProxy.ForRedis();
        var writer = await _platform.StartServiceAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.RedisConnectionString,
            ["Cache__PendingTtl"] = PendingTtl,
        });
        var id = await CreateCachedByTheReader(writer);

        // The mark (the only request carrying the marker's lifetime) gets through; the completion never does.
        redis.BlackholeAfter(":agent:" + id, "2917");
        await KillAfterItsCommit(writer, id);

        Assert.That(await NameAt(Reader, id), Is.EqualTo("after"));
        await Eventually.Until(async () =>
        {
            Assert.That(await NameAt(Reader, id), Is.EqualTo("after"));
            return (await CachedEntry(id)).StartsWith('V');
        }, "the dead writer's marker expired and the reader filled the entry");
    }

    [Test]
    public async Task Should_show_a_write_that_could_not_mark_redis_to_every_reader()
    {
        using var redis = TcpProxy.ForRedis();
        using var postgres = TcpProxy.ForPostgres();
        var writer = await _platform.StartServiceAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.RedisConnectionString,
            ["ConnectionStrings__Postgres"] = postgres.PostgresConnectionString(_platform.Environment.Database.Name),
        });
        var id = await CreateCachedByTheReader(writer);

        // The writer loses Redis, and PostgreSQL hangs for it right after the update's COMMIT got through (the
        // query's terminating NUL tells it from "BEGIN ... READ COMMITTED").
        redis.Cut();
        postgres.BlackholeAfter("UPDATE agents", id, "COMMIT\0");
        await KillAfterItsCommit(writer, id);

        // A reader that trusts Redis learns of such a write at its next generation check (every 2 s).
        await Eventually.Until(async () => await NameAt(Reader, id) == "after", "the reader serves the committed name",
            TimeSpan.FromSeconds(15));
    }

    private async Task<string> CreateCachedByTheReader(ServiceProcess writer)
    {
        var id = Samples.AgentId();
        await (await writer.Client.SendAsync(HttpMethod.Post, "/agents", PlatformRoles.Operator, Samples.Agent(id, "before")))
            .JsonAsync(HttpStatusCode.Created);
        await Eventually.Until(async () => await NameAt(Reader, id) == "before" && (await CachedEntry(id)).StartsWith('V'),
            "the reader has the agent cached at the current generation");
        return id;
    }

    /// <summary>Sends the update, and SIGKILLs the writer as soon as PostgreSQL has it, whatever the writer is doing.</summary>
    private async Task KillAfterItsCommit(ServiceProcess writer, string id)
    {
        var update = writer.Client.SendAsync(HttpMethod.Put, $"/agents/{id}", PlatformRoles.Operator, new { name = "after", model = "test-model" });
        await Eventually.Until(async () => await _platform.Environment.Database.ScalarAsync<string>(
            $"SELECT name FROM agents WHERE id = '{id}'") == "after", "the update committed");
        await writer.KillAsync();
        await Task.WhenAny(update);
    }

    private static async Task<string?> NameAt(ServiceProcess service, string id) =>
        (await (await service.Client.SendAsync(HttpMethod.Get, $"/agents/{id}", PlatformRoles.Viewer)).JsonAsync(HttpStatusCode.OK))
        .GetProperty("name").GetString();

    /// <summary>The agent's entry under the epoch Redis is at now, straight from Redis; "" when there is none.</summary>
    private async Task<string> CachedEntry(string id)
    {
        var db = _redis.GetDatabase();
        var root = "al:" + _platform.Environment.CacheSchema;
        var epoch = (string?)await db.StringGetAsync(root + ":epoch");
        return epoch is null ? "" : (string?)await db.StringGetAsync($"{root}:g{epoch}:agent:{id}") ?? "";
    }
}

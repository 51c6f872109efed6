using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// A scratch database seeded with agents and two hosts reading it: one with Redis, and one whose Redis is a
/// closed port, so the same repository code serves every read from PostgreSQL.
/// </summary>
internal sealed class AgentDataset : IAsyncDisposable
{
    private const string ClosedRedisPort = "127.0.0.1:1";

    private readonly ScratchDatabase _database;
    private readonly string _cacheSchema = "bench" + Guid.NewGuid().ToString("N")[..10];
    private PlatformTestHost? _cached;
    private PlatformTestHost? _uncached;

    private AgentDataset(ScratchDatabase database, int size)
    {
        _database = database;
        Ids = Enumerable.Range(1, size).Select(i => $"agent-{i:D5}").ToArray();
    }

    public IReadOnlyList<string> Ids { get; }

    public PlatformTestHost Cached => _cached!;

    public PlatformTestHost Uncached => _uncached!;

    public static async Task<AgentDataset> CreateAsync(int size)
    {
        var dataset = new AgentDataset(await ScratchDatabase.CreateAsync(), size);
        try
        {
            await dataset.StartAsync();
            return dataset;
        }
        catch
        {
            await dataset.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cached is not null)
        {
            await DeleteCacheKeysAsync(_cached);
            await _cached.DisposeAsync();
        }

        if (_uncached is not null)
        {
            await _uncached.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task StartAsync()
    {
        _cached = await StartHostAsync(TestServers.Redis, "bench-cached");
        var generation = _cached.Services.GetRequiredService<CacheGeneration>();
        await Eventually.Until(() => generation.IsTrusted, "the cached host trusts Redis");

        // Seeded through the cached host, so every agent is also written through to Redis.
        await Parallel.ForEachAsync(Ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            await _cached.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().CreateAsync(Sample(id))));

        _uncached = await StartHostAsync(ClosedRedisPort, "bench-uncached");
    }

    // A fresh database's first migration query fails by design (no history table yet) and EF logs it as an
    // error; a failing read during the load is counted by the harness instead.
    private Task<PlatformTestHost> StartHostAsync(string redis, string name) =>
        PlatformTestHost.StartAsync(_database.ConnectionString, redis, _cacheSchema, name,
            configure: builder => builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None));

    private async Task DeleteCacheKeysAsync(PlatformTestHost host)
    {
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        await foreach (var key in redis.GetServers()[0].KeysAsync(pattern: $"al:{_cacheSchema}:*"))
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    /// <summary>A typical agent: about 400 bytes as cached JSON.</summary>
    private static Agent Sample(string id) => new()
    {
        Id = id,
        Name = $"Research assistant {id}",
        Model = "gpt-4o-mini",
        Specialization = "literature search and summarisation",
        Config = """{"temperature":0.2,"max_tokens":2048,"tools":["search","summarise"],"retries":3}""",
        Capabilities = ["search", "summarise", "cite"],
    };
}

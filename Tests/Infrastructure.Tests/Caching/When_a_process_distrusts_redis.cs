using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>How long a process goes without synchronising with PostgreSQL's cache generation.</summary>
public sealed class When_a_process_distrusts_redis
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Regression: after its own bump a process distrusted Redis until the monitor's next tick, and every write
    /// in between was unmarked and bumped again (a cache flush for everyone each time).
    /// </summary>
    [Test]
    public async Task Should_synchronise_at_once_not_at_the_next_check()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var service = await StartAsync(database, checkInterval: TimeSpan.FromHours(1));
        var generation = service.Services.GetRequiredService<CacheGeneration>();
        await CacheTrust.UntilTrusted(service);

        generation.Distrust("a spec");

        await Eventually.Until(() => generation.IsTrusted, "trusted again", Soon);
    }

    /// <summary>
    /// Regression: trust had no expiry and a check no timeout, so a check stalled on PostgreSQL kept the process
    /// serving its epoch however far PostgreSQL's generation had moved.
    /// </summary>
    [Test]
    public async Task Should_stop_trusting_redis_when_its_check_stalls()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await using var service = await StartAsync(database, checkInterval: TimeSpan.FromMilliseconds(200));
        var generation = service.Services.GetRequiredService<CacheGeneration>();
        await CacheTrust.UntilTrusted(service);

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var stall = new NpgsqlCommand(
                $"LOCK TABLE {AgentLightningDbContext.CacheGenerationTable} IN ACCESS EXCLUSIVE MODE", connection, transaction);
            await stall.ExecuteNonQueryAsync();

            await Eventually.Until(() => !generation.IsTrusted, "the lease ran out", Soon);
        }

        await CacheTrust.UntilTrusted(service);
    }

    private static Task<PlatformTestHost> StartAsync(ScratchDatabase database, TimeSpan checkInterval) =>
        PlatformTestHost.StartAsync(database.ConnectionString, TestServers.Redis, "t" + Guid.NewGuid().ToString("N")[..12],
            settings: new Dictionary<string, string?> { ["Cache:GenerationCheckInterval"] = checkInterval.ToString() });
}

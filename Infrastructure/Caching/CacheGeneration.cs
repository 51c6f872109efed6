using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Resilience;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Decides whether this process may trust Redis. Every cache key carries a generation; PostgreSQL holds the
/// authoritative one (a sequence), Redis a copy (the epoch). A write that could not mark the cache bumps the
/// sequence after its commit, so the next synchronisation moves Redis to a fresh, empty generation and no
/// entry from before or during an outage is served. After a connection failure nothing is read from Redis
/// until this process has synchronised again.
/// </summary>
internal sealed partial class CacheGeneration(
    IConnectionMultiplexer redis, NpgsqlDataSource postgres, CacheKeys keys, DataResilience resilience,
    ILogger<CacheGeneration> logger)
{
    private volatile bool _trusted;

    public bool IsTrusted => _trusted && redis.IsConnected;

    public long Epoch { get; private set; }

    internal CacheKeys Keys => keys;

    public void Distrust(string reason)
    {
        if (_trusted)
        {
            LogDistrusted(logger, reason);
        }

        _trusted = false;
    }

    /// <summary>Moves Redis's epoch up to PostgreSQL's generation and trusts Redis again.</summary>
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        var generation = await ReadGenerationAsync(cancellationToken);
        var epoch = (long)await redis.GetDatabase().ScriptEvaluateAsync(CacheScripts.SyncEpoch, keys.Epoch, [generation]);
        if (!_trusted || epoch != Epoch)
        {
            LogSynchronized(logger, epoch);
        }

        Epoch = epoch;
        _trusted = true;
    }

    public async Task<bool> IsBehindPostgresAsync(CancellationToken cancellationToken) =>
        await ReadGenerationAsync(cancellationToken) > Epoch;

    /// <summary>Called after a commit whose cache entries could not be marked.</summary>
    public async Task BumpAsync(CancellationToken cancellationToken)
    {
        await resilience.Postgres.ExecuteAsync(async ct =>
        {
            await using var command = postgres.CreateCommand($"SELECT nextval('{AgentLightningDbContext.CacheGenerationSequence}')");
            await command.ExecuteScalarAsync(ct);
        }, cancellationToken);
        Distrust("a write could not reach Redis");
    }

    private async Task<long> ReadGenerationAsync(CancellationToken cancellationToken)
    {
        await using var command = postgres.CreateCommand($"SELECT last_value FROM {AgentLightningDbContext.CacheGenerationSequence}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(LogLevel.Warning, "Redis cache distrusted: {Reason}; reading from PostgreSQL until resynchronised")]
    private static partial void LogDistrusted(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Redis cache trusted at generation {Epoch}")]
    private static partial void LogSynchronized(ILogger logger, long epoch);
}

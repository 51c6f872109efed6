using AgentLightning.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Decides whether this process may trust Redis. Every cache key carries a generation; PostgreSQL holds the
/// authoritative one (a one-row table), Redis a copy (the epoch) with the run id of the server it was set on.
/// A write that could not mark the cache bumps the generation in its own transaction
/// (<see cref="CacheMarkInterceptor"/>), and a Redis that lost its data or is another server (restart, old
/// snapshot, promoted replica) is moved to a generation never used before, so no entry written before is
/// trusted. After a connection failure nothing is read from Redis until this process has synchronised again.
/// </summary>
internal sealed partial class CacheGeneration(
    IConnectionMultiplexer redis, NpgsqlDataSource postgres, CacheKeys keys, ILogger<CacheGeneration> logger)
{
    private const int MaxSyncAttempts = 5;

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

    /// <summary>
    /// Brings Redis's epoch to PostgreSQL's generation, or to a fresh one when Redis's epoch cannot be trusted
    /// (missing, set on another server, or ahead of PostgreSQL), then trusts Redis. Cheap when nothing changed.
    /// </summary>
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        var generation = await ReadGenerationAsync(cancellationToken);
        var fresh = false;
        for (var attempt = 1; attempt <= MaxSyncAttempts; attempt++)
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                CacheScripts.SyncEpoch, keys.EpochAndServer, [generation, fresh ? 1 : 0]))!;
            var (epoch, trusted) = ((long)result[0], (long)result[1] == 1);
            if (trusted)
            {
                if (!_trusted || epoch != Epoch)
                {
                    LogSynchronized(logger, epoch);
                }

                Epoch = epoch;
                _trusted = true;
                return;
            }

            Distrust("Redis lost its data, is another server, or is ahead of PostgreSQL");
            generation = await AdvanceAsync(epoch, cancellationToken);
            fresh = true;
        }

        throw new InvalidOperationException($"Redis's cache epoch kept moving for {MaxSyncAttempts} attempts");
    }

    public async Task<bool> IsBehindPostgresAsync(CancellationToken cancellationToken) =>
        await ReadGenerationAsync(cancellationToken) > Epoch;

    /// <summary>A generation above every epoch used so far, Redis's current one included.</summary>
    private async Task<long> AdvanceAsync(long redisEpoch, CancellationToken cancellationToken)
    {
        await using var command = postgres.CreateCommand(
            $"UPDATE {AgentLightningDbContext.CacheGenerationTable} SET value = greatest(value, $1) + 1 RETURNING value");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = redisEpoch });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<long> ReadGenerationAsync(CancellationToken cancellationToken)
    {
        await using var command = postgres.CreateCommand($"SELECT value FROM {AgentLightningDbContext.CacheGenerationTable}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(LogLevel.Warning, "Redis cache distrusted: {Reason}; reading from PostgreSQL until resynchronised")]
    private static partial void LogDistrusted(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Redis cache trusted at generation {Epoch}")]
    private static partial void LogSynchronized(ILogger logger, long epoch);
}

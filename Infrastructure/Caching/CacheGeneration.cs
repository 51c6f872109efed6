using System.Diagnostics;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// Trust is a lease (<see cref="CacheOptions.EffectiveTrustLease"/>) from the start of the last successful
/// synchronisation, so a stalled check cannot keep a process serving an epoch PostgreSQL has left.
/// </summary>
internal sealed partial class CacheGeneration(
    IConnectionMultiplexer redis, NpgsqlDataSource postgres, CacheKeys keys, IOptions<CacheOptions> options,
    ILogger<CacheGeneration> logger)
{
    private const int MaxSyncAttempts = 5;

    private readonly Lock _lock = new();
    private readonly long _lease = Ticks(options.Value.EffectiveTrustLease);
    // Written under the lock, read without it on every cache call: the lease is written before trust is granted.
    private volatile bool _trusted;
    private long _trustedUntil;

    // Counts distrusts, so a synchronisation that raced one does not overwrite it with trust.
    private long _distrusts;

    /// <summary>Raised when this process stops trusting Redis, so the monitor synchronises at once.</summary>
    public event Action? Distrusted;

    public bool IsTrusted => _trusted && Stopwatch.GetTimestamp() < Volatile.Read(ref _trustedUntil) && redis.IsConnected;

    public long Epoch { get; private set; }

    public TimeSpan Lease => options.Value.EffectiveTrustLease;

    internal CacheKeys Keys => keys;

    public void Distrust(string reason) => DistrustCounted(reason);

    /// <summary>Distrusts Redis; returns the distrusts counted so far, this one included.</summary>
    private long DistrustCounted(string reason)
    {
        bool was;
        long distrusts;
        lock (_lock)
        {
            (was, _trusted) = (_trusted, false);
            distrusts = ++_distrusts;
        }

        if (was)
        {
            LogDistrusted(logger, reason);
            Distrusted?.Invoke();
        }

        return distrusts;
    }

    /// <summary>
    /// Brings Redis's epoch to PostgreSQL's generation, or to a fresh one when Redis's epoch cannot be trusted
    /// (missing, set on another server, or ahead of PostgreSQL), then trusts Redis. Cheap when nothing changed.
    /// </summary>
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        // A check that takes longer than the lease could only grant trust that has already run out.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Lease);
        try
        {
            await SynchronizeWithinAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The cache generation check took longer than the trust lease ({Lease})");
        }
    }

    private async Task SynchronizeWithinAsync(CancellationToken cancellationToken)
    {
        long started, distrusts;
        lock (_lock)
        {
            (started, distrusts) = (Stopwatch.GetTimestamp(), _distrusts);
        }

        var generation = await ReadGenerationAsync(cancellationToken);
        var fresh = false;
        for (var attempt = 1; attempt <= MaxSyncAttempts; attempt++)
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                CacheScripts.SyncEpoch, keys.EpochAndServer, [generation, fresh ? 1 : 0]).WaitAsync(cancellationToken))!;
            var (epoch, trusted) = ((long)result[0], (long)result[1] == 1);
            if (trusted)
            {
                Trust(epoch, started, distrusts);
                return;
            }

            // Its own distrust must not stop this synchronisation from trusting the fresh generation.
            distrusts = DistrustCounted("Redis lost its data, is another server, or is ahead of PostgreSQL");
            generation = await AdvanceAsync(epoch, cancellationToken);
            fresh = true;
        }

        throw new InvalidOperationException($"Redis's cache epoch kept moving for {MaxSyncAttempts} attempts");
    }

    /// <summary>Trusts Redis at the epoch for a lease from <paramref name="started"/>, unless distrusted since.</summary>
    private void Trust(long epoch, long started, long distrusts)
    {
        lock (_lock)
        {
            if (_distrusts != distrusts)
            {
                return;
            }

            if (!_trusted || epoch != Epoch)
            {
                LogSynchronized(logger, epoch);
            }

            Epoch = epoch;
            Volatile.Write(ref _trustedUntil, started + _lease);
            _trusted = true;
        }
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

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    [LoggerMessage(LogLevel.Warning, "Redis cache distrusted: {Reason}; reading from PostgreSQL until resynchronised")]
    private static partial void LogDistrusted(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Redis cache trusted at generation {Epoch}")]
    private static partial void LogSynchronized(ILogger logger, long epoch);
}

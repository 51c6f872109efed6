using System.Collections.Concurrent;
using System.Globalization;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Read-through, write-through cache of aggregates and lists of aggregates. It never lies: an entry is
/// replaced only by a newer version, a writer marks an entry before its commit so that no reader can fill
/// it with what it read before the commit, and anything Redis cannot do is left to PostgreSQL.
/// </summary>
internal sealed partial class EntityCache(
    IConnectionMultiplexer redis, CacheGeneration generation, DataResilience resilience,
    IOptions<CacheOptions> options, PlatformMetrics metrics, ILogger<EntityCache> logger)
{
    private readonly CacheOptions _options = options.Value;
    private readonly CacheKeys _keys = generation.Keys;

    /// <summary>
    /// The last list entry read per list, kept as text: each read still deserializes fresh objects, but a large
    /// list is neither fetched nor allocated again (it would land on the large-object heap every time).
    /// </summary>
    private readonly ConcurrentDictionary<string, ListCopy> _lists = new(StringComparer.Ordinal);

    public TimeSpan PendingTtl => _options.PendingTtl;

    /// <summary>This process trusts Redis, at <paramref name="epoch"/> (a check of its own state, no round trip).</summary>
    public bool IsTrustedAt(string epoch) =>
        generation.IsTrusted && generation.Epoch.ToString(CultureInfo.InvariantCulture) == epoch;

    public async Task<CacheLookup<T>> ReadAsync<T>(string id) where T : IAggregate
    {
        var result = await EvaluateAsync(CacheScripts.Read, [_keys.GenerationPrefix, CacheKeys.EntitySuffix(T.AggregateType, id)]);
        if (result is null)
        {
            return CacheLookup<T>.Bypass;
        }

        var (epoch, entry) = ((string)result[0]!, (string)result[1]!);
        if (epoch.Length == 0)
        {
            generation.Distrust("Redis has no cache generation");
            return CacheLookup<T>.Bypass;
        }

        return LookupOf<T>(epoch, entry);
    }

    private CacheLookup<T> LookupOf<T>(string epoch, string entry) where T : IAggregate
    {
        if (entry.Length == 0)
        {
            metrics.CacheMiss();
            return new(CacheLookupState.Miss, default, epoch, "");
        }

        metrics.CacheHit();
        return CacheEntry.KindOf(entry) switch
        {
            'V' => new(CacheLookupState.Hit, CacheEntry.Payload<T>(entry), epoch, ""),
            'T' => new(CacheLookupState.Deleted, default, epoch, ""),
            _ => CacheLookup<T>.Bypass,
        };
    }

    public Task FillAsync<T>(CacheLookup<T> token, T value) where T : IAggregate =>
        EvaluateAsync(CacheScripts.Fill,
        [
            _keys.GenerationPrefix, CacheKeys.EntitySuffix(T.AggregateType, value.Key), token.Epoch,
            CacheEntry.Value(value.Version, value), Milliseconds(_options.TtlOf(T.AggregateType)),
        ]);

    public async Task<CacheLookup<IReadOnlyList<T>>> ReadListAsync<T>(string listName) where T : IAggregate
    {
        var memoKey = T.AggregateType + ":" + listName;
        var known = _lists.TryGetValue(memoKey, out var memo) ? memo : default;
        var result = await EvaluateAsync(CacheScripts.ReadList,
            [_keys.GenerationPrefix, CacheKeys.TypeSuffix(T.AggregateType), listName, known.Epoch ?? "", known.ListVersion ?? ""]);
        if (result is null)
        {
            return CacheLookup<IReadOnlyList<T>>.Bypass;
        }

        var (epoch, listVersion, pending, entry) = ((string)result[0]!, (string)result[1]!, (string)result[2]!, (string)result[3]!);
        if (epoch.Length == 0)
        {
            generation.Distrust("Redis has no cache generation");
            return CacheLookup<IReadOnlyList<T>>.Bypass;
        }

        if (entry == "=" && known.Entry is not null)
        {
            entry = known.Entry;
        }
        else if (entry.Length > 0)
        {
            _lists[memoKey] = new ListCopy(epoch, listVersion, entry);
        }

        if (entry.Length > 0)
        {
            metrics.CacheHit();
            return new(CacheLookupState.Hit, CacheEntry.Payload<List<T>>(entry), epoch, listVersion);
        }

        metrics.CacheMiss();
        var state = pending is "0" ? CacheLookupState.Miss : CacheLookupState.Bypass;
        return new(state, default, epoch, listVersion);
    }

    public Task FillListAsync<T>(CacheLookup<IReadOnlyList<T>> token, string listName, IReadOnlyList<T> items) where T : IAggregate =>
        EvaluateAsync(CacheScripts.FillList,
        [
            _keys.GenerationPrefix, CacheKeys.TypeSuffix(T.AggregateType), token.Epoch, token.ListVersion, listName,
            CacheEntry.List(items), Milliseconds(_options.ListTtl),
        ]);

    /// <summary>Before the commit: returns the epoch marked under, or null if the cache could not be marked.</summary>
    public async Task<string?> MarkAsync<T>(string id, long version) where T : IAggregate
    {
        var result = await EvaluateAsync(CacheScripts.Mark,
        [
            _keys.GenerationPrefix, CacheKeys.EntitySuffix(T.AggregateType, id), version,
            Milliseconds(_options.PendingTtl), CacheKeys.TypeSuffix(T.AggregateType),
        ]);
        if (result is null)
        {
            return null;
        }

        var epoch = (string)result[0]!;
        if (epoch.Length == 0)
        {
            generation.Distrust("Redis has no cache generation");
            return null;
        }

        return epoch;
    }

    public static CacheMark MarkOf<T>(string id, long version, string markEpoch) where T : IAggregate =>
        new(CacheKeys.EntitySuffix(T.AggregateType, id), version, CacheKeys.TypeSuffix(T.AggregateType), markEpoch);

    /// <summary>Extends marks of one epoch; false if one was lost, null if Redis cannot be asked now.</summary>
    public async Task<bool?> RenewAsync(IReadOnlyList<CacheMark> marks)
    {
        var arguments = new List<RedisValue> { _keys.GenerationPrefix, marks[0].Epoch, Milliseconds(_options.PendingTtl) };
        foreach (var mark in marks)
        {
            arguments.AddRange([mark.EntitySuffix, mark.Version, mark.TypeSuffix]);
        }

        var result = await EvaluateAsync(CacheScripts.Renew, [.. arguments]);
        return result is null ? null : (long)result[0] == 1;
    }

    /// <summary>After the commit: the new value (or a tombstone when <paramref name="value"/> is null).</summary>
    public Task CompleteAsync<T>(string id, long version, T? value, string markEpoch) where T : IAggregate =>
        EvaluateAsync(CacheScripts.Complete,
        [
            _keys.GenerationPrefix, CacheKeys.EntitySuffix(T.AggregateType, id), version,
            value is null ? CacheEntry.Deleted(version) : CacheEntry.Value(version, value),
            Milliseconds(_options.TtlOf(T.AggregateType)), CacheKeys.TypeSuffix(T.AggregateType), markEpoch,
        ]);

    public Task AbortAsync<T>(string id, long version, string markEpoch) where T : IAggregate =>
        EvaluateAsync(CacheScripts.Abort,
        [
            _keys.GenerationPrefix, CacheKeys.EntitySuffix(T.AggregateType, id), version,
            CacheKeys.TypeSuffix(T.AggregateType), markEpoch,
        ]);

    /// <summary>Runs a script unless Redis is untrusted or its breaker is open; null means "use PostgreSQL".</summary>
    private async Task<RedisResult[]?> EvaluateAsync(string script, RedisValue[] arguments)
    {
        if (!generation.IsTrusted)
        {
            return null;
        }

        try
        {
            var result = await resilience.Redis.ExecuteAsync(
                static async (state, _) => await state.Database.ScriptEvaluateAsync(state.Script, state.Keys, state.Arguments),
                (Database: redis.GetDatabase(), Script: script, Keys: _keys.Epoch, Arguments: arguments));
            return result.Resp2Type == ResultType.Array ? (RedisResult[])result! : [result];
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            LogRedisFailed(logger, e.GetType().Name, e.Message);
            generation.Distrust(e.GetType().Name);
            return null;
        }
    }

    private readonly record struct ListCopy(string? Epoch, string? ListVersion, string? Entry);

    private static string Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(LogLevel.Warning, "Redis operation failed ({Type}): {Reason}; serving from PostgreSQL")]
    private static partial void LogRedisFailed(ILogger logger, string type, string reason);
}

using AgentLightning.Infrastructure.Persistence.Entities;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>Several entries of one type in one round trip each way (a page's), with the same protocol as one entry's.</summary>
internal sealed partial class EntityCache
{
    /// <summary>One lookup per id, in order; every one is a bypass when Redis cannot be asked.</summary>
    public async Task<IReadOnlyList<CacheLookup<T>>> ReadManyAsync<T>(IReadOnlyList<string> ids) where T : IAggregate
    {
        RedisValue[] arguments = [_keys.GenerationPrefix, .. ids.Select(id => (RedisValue)CacheKeys.EntitySuffix(T.AggregateType, id))];
        var (epoch, result) = await ReadEntriesAsync(arguments);
        return epoch is null
            ? [.. ids.Select(_ => CacheLookup<T>.Bypass)]
            : [.. ids.Select((_, i) => LookupOf<T>(epoch, (string)result![i + 1]!))];
    }

    /// <summary>Two entries of different types (an aggregate and what is cached beside it) in one round trip.</summary>
    public async Task<(CacheLookup<T1> First, CacheLookup<T2> Second)> ReadPairAsync<T1, T2>(string id1, string id2)
        where T1 : IAggregate
        where T2 : IAggregate
    {
        var (epoch, result) = await ReadEntriesAsync(
            [_keys.GenerationPrefix, CacheKeys.EntitySuffix(T1.AggregateType, id1), CacheKeys.EntitySuffix(T2.AggregateType, id2)]);
        return epoch is null
            ? (CacheLookup<T1>.Bypass, CacheLookup<T2>.Bypass)
            : (LookupOf<T1>(epoch, (string)result![1]!), LookupOf<T2>(epoch, (string)result[2]!));
    }

    /// <summary>The entries under one epoch (null when Redis cannot be asked or has no generation: bypass them all).</summary>
    private async Task<(string? Epoch, RedisResult[]? Entries)> ReadEntriesAsync(RedisValue[] arguments)
    {
        var result = await EvaluateAsync(CacheScripts.ReadMany, arguments);
        var epoch = result is null ? "" : (string)result[0]!;
        if (epoch.Length > 0)
        {
            return (epoch, result);
        }

        if (result is not null)
        {
            generation.Distrust("Redis has no cache generation");
        }

        return (null, null);
    }

    /// <summary>Fills the empty slots among <paramref name="values"/>, all read under <paramref name="epoch"/> (a miss's).</summary>
    public Task FillManyAsync<T>(string epoch, IReadOnlyList<T> values) where T : IAggregate
    {
        if (values.Count == 0)
        {
            return Task.CompletedTask;
        }

        var arguments = new List<RedisValue>(3 + (2 * values.Count)) { _keys.GenerationPrefix, epoch, Milliseconds(_options.TtlOf(T.AggregateType)) };
        foreach (var value in values)
        {
            arguments.Add(CacheKeys.EntitySuffix(T.AggregateType, value.Key));
            arguments.Add(CacheEntry.Value(value.Version, value));
        }

        return EvaluateAsync(CacheScripts.FillMany, [.. arguments]);
    }
}

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
        var result = await EvaluateAsync(CacheScripts.ReadMany, arguments);
        var epoch = result is null ? "" : (string)result[0]!;
        if (epoch.Length == 0)
        {
            if (result is not null)
            {
                generation.Distrust("Redis has no cache generation");
            }

            return [.. ids.Select(_ => CacheLookup<T>.Bypass)];
        }

        return [.. ids.Select((_, i) => LookupOf<T>(epoch, (string)result![i + 1]!))];
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

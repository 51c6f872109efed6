using System.Diagnostics;
using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>The reader's half of the cache protocol for one entry: hit, miss with a single-flight fill, or PostgreSQL when Redis is not trusted.</summary>
internal static class CachedReads
{
    public static async Task<T?> GetAsync<T>(
        RepositoryServices services, string key, Func<CancellationToken, Task<T?>> find, CancellationToken cancellationToken)
        where T : class, IAggregate
    {
        var started = Stopwatch.GetTimestamp();
        return await ResolveAsync(services, key, await services.Cache.ReadAsync<T>(key), find, started, cancellationToken);
    }

    /// <summary>
    /// Two entries of different types in one Redis round trip (an aggregate and what is cached beside it); each then
    /// follows the protocol of a single read, so a miss or a bypass of one does not change how the other is served.
    /// </summary>
    public static async Task<(T1? First, T2? Second)> GetPairAsync<T1, T2>(
        RepositoryServices services, string key1, Func<CancellationToken, Task<T1?>> find1,
        string key2, Func<CancellationToken, Task<T2?>> find2, CancellationToken cancellationToken)
        where T1 : class, IAggregate
        where T2 : class, IAggregate
    {
        var started = Stopwatch.GetTimestamp();
        var (lookup1, lookup2) = await services.Cache.ReadPairAsync<T1, T2>(key1, key2);
        var first = ResolveAsync(services, key1, lookup1, find1, started, cancellationToken);
        var second = ResolveAsync(services, key2, lookup2, find2, started, cancellationToken);
        return (await first, await second);
    }

    private static async ValueTask<T?> ResolveAsync<T>(
        RepositoryServices services, string key, CacheLookup<T> lookup, Func<CancellationToken, Task<T?>> find, long started,
        CancellationToken cancellationToken)
        where T : class, IAggregate
    {
        if (lookup.State is CacheLookupState.Hit or CacheLookupState.Deleted)
        {
            Record<T>(services, "get", "cache", started);
            return lookup.Value;
        }

        var entity = lookup.State is CacheLookupState.Miss
            ? await services.SingleFlight.RunAsync($"{T.AggregateType}:{key}", async flight =>
            {
                // A flight that ended between our miss and this one may have filled the entry already.
                var again = await services.Cache.ReadAsync<T>(key);
                if (again.State is CacheLookupState.Hit or CacheLookupState.Deleted)
                {
                    return again.Value;
                }

                var found = await find(flight);
                if (found is not null && again.State is CacheLookupState.Miss && IsFreshEnough(services, started))
                {
                    await services.Cache.FillAsync(again, found);
                }

                return found;
            }, cancellationToken)
            : await find(cancellationToken);
        Record<T>(services, "get", "database", started);
        return entity;
    }

    /// <summary>A read slower than the write marker's lifetime may have missed a write: it must not fill.</summary>
    public static bool IsFreshEnough(RepositoryServices services, long started) =>
        Stopwatch.GetElapsedTime(started) < services.Cache.PendingTtl / 2;

    public static void Record<T>(RepositoryServices services, string operation, string source, long started)
        where T : IAggregate =>
        services.Metrics.RecordDataLatency(T.AggregateType, operation, source, Stopwatch.GetElapsedTime(started));
}

using System.Security.Cryptography;
using System.Text;
using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Resilience;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace AgentLightning.IntegrationHub.Proxy;

/// <summary>
/// Upstream answers in Redis for the integration's TTL, keyed by integration id, version and the normalised
/// path and query: a changed integration (new version) never serves its old answers. Redis down: uncached.
/// </summary>
internal sealed partial class ProxyCache(
    IConnectionMultiplexer redis, DataResilience resilience, IOptions<CacheOptions> cache, ILogger<ProxyCache> logger)
{
    private readonly string _prefix = $"al:{cache.Value.SchemaVersion}:proxy:";

    public string Key(Guid integration, long version, Uri target) =>
        $"{_prefix}{integration:N}:{version}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target.PathAndQuery)))}";

    public async Task<ProxyAnswer?> GetAsync(string key)
    {
        var value = await TryAsync(database => database.StringGetAsync(key));
        return value is { IsNull: false } found ? ProxyAnswer.FromBytes((byte[])found!) : null;
    }

    public Task SetAsync(string key, ProxyAnswer answer, TimeSpan ttl) =>
        TryAsync(async database => (RedisValue)await database.StringSetAsync(key, answer.ToBytes(), ttl));

    private async Task<RedisValue?> TryAsync(Func<IDatabase, Task<RedisValue>> operation)
    {
        try
        {
            return await resilience.Redis.ExecuteAsync(static async (state, _) => await state.operation(state.database), (operation, database: redis.GetDatabase()));
        }
        catch (BrokenCircuitException)
        {
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            LogRedisFailed(logger, e.GetType().Name, e.Message);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Proxy cache unavailable ({Type}): {Reason}; answering uncached")]
    private static partial void LogRedisFailed(ILogger logger, string type, string reason);
}

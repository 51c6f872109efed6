using AgentLightning.Infrastructure.Resilience;
using Medallion.Threading.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Locking;

/// <summary>
/// Redis locks that cut contention on one aggregate ("create agent X", "update task Y"). They are an
/// optimisation only: when Redis is down or the wait times out the caller goes on without the lock, and
/// the unique keys and version checks of PostgreSQL keep the data right.
/// </summary>
public sealed partial class AggregateLocks(
    IConnectionMultiplexer redis, DataResilience resilience, IOptions<LockOptions> options, ILogger<AggregateLocks> logger)
{
    private static readonly IAsyncDisposable NoLock = new Nothing();

    public async Task<IAsyncDisposable> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return NoLock;
        }

        var settings = options.Value;
        var redisLock = new RedisDistributedLock($"al:lock:{name}", redis.GetDatabase(), o => o.Expiry(settings.Expiry));
        try
        {
            var handle = await resilience.Redis.ExecuteAsync(
                async ct => await redisLock.TryAcquireAsync(settings.Wait, ct), cancellationToken);
            if (handle is null)
            {
                LogWaitedTooLong(logger, name, settings.Wait);
            }

            return (IAsyncDisposable?)handle ?? NoLock;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            LogLockUnavailable(logger, name, e.GetType().Name);
            return NoLock;
        }
    }

    [LoggerMessage(LogLevel.Debug, "Lock {Name} not acquired within {Wait}; continuing under optimistic concurrency")]
    private static partial void LogWaitedTooLong(ILogger logger, string name, TimeSpan wait);

    [LoggerMessage(LogLevel.Debug, "Lock {Name} unavailable ({Reason}); continuing under optimistic concurrency")]
    private static partial void LogLockUnavailable(ILogger logger, string name, string reason);

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

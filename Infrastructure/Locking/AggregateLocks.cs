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

            return handle is null ? NoLock : new Held(handle, name, logger);
        }
        catch (Exception e) when (IsRedisFailure(e) || e is BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            LogLockUnavailable(logger, name, e.GetType().Name);
            return NoLock;
        }
    }

    [LoggerMessage(LogLevel.Debug, "Lock {Name} not acquired within {Wait}; continuing under optimistic concurrency")]
    private static partial void LogWaitedTooLong(ILogger logger, string name, TimeSpan wait);

    [LoggerMessage(LogLevel.Debug, "Lock {Name} unavailable ({Reason}); continuing under optimistic concurrency")]
    private static partial void LogLockUnavailable(ILogger logger, string name, string reason);

    [LoggerMessage(LogLevel.Debug, "Lock {Name} not released ({Reason}); it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, string name, string reason);

    /// <summary>
    /// Released when the caller's work is done, which has happened by then (a write committed): a Redis that cannot
    /// take the release must not turn it into an error (a 500, or a 503 that invites a retry creating a second task).
    /// </summary>
    private sealed class Held(IAsyncDisposable handle, string name, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await handle.DisposeAsync();
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                LogReleaseFailed(logger, name, e.GetType().Name);
            }
        }
    }

    /// <summary>The release reports Redis's failure wrapped in an AggregateException (seen under overload: a 500 for a created task).</summary>
    private static bool IsRedisFailure(Exception e) => e switch
    {
        RedisException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsRedisFailure),
        _ => false,
    };

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

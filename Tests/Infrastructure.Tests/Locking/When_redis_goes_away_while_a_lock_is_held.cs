using AgentLightning.Infrastructure.Locking;
using AgentLightning.Infrastructure.Resilience;
using AgentLightning.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Tests.Locking;

/// <summary>
/// Regression: the lock is released after the caller's write has committed; a Redis that could not take the release
/// threw out of it, so a task that was created answered 500 (or 503 on a timeout, which invites a retry: a second task).
/// </summary>
public sealed class When_redis_goes_away_while_a_lock_is_held
{
    [Test]
    public async Task Should_let_the_holder_go_on_and_the_lock_expire()
    {
        using var proxy = TcpProxy.ForRedis();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{proxy.RedisConnectionString},asyncTimeout=500,syncTimeout=500,connectTimeout=500,abortConnect=false");
        var locks = new AggregateLocks(
            redis, new DataResilience(Options.Create(new ResilienceOptions())), Options.Create(new LockOptions()), NullLogger<AggregateLocks>.Instance);
        var name = $"Task:{Guid.NewGuid()}";

        var held = await locks.TryAcquireAsync(name, CancellationToken.None);
        Assert.That(await redis.GetDatabase().KeyExistsAsync($"al:lock:{name}"), Is.True, "the lock was taken");
        proxy.Cut();

        Assert.That(async () => await held.DisposeAsync(), Throws.Nothing);
    }
}

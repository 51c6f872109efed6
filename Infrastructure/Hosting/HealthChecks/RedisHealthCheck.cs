using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Hosting.HealthChecks;

/// <summary>PING through the multiplexer that caching registered.</summary>
internal sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
{
    public const string Name = "redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            return HealthCheckResult.Unhealthy($"{nameof(IConnectionMultiplexer)} is not registered.");
        }

        // PING takes no token and would wait for the client's own, longer timeout; the readiness probe must not.
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(HealthRegistration.CheckTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms");
        }
        catch (TimeoutException timeout)
        {
            return HealthCheckResult.Unhealthy($"No answer to PING within {HealthRegistration.CheckTimeout.TotalSeconds:0.#} s.", timeout);
        }
    }
}

using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Resilience;

/// <summary>
/// The two pipelines the data layer runs through: PostgreSQL retries transient faults with jittered
/// backoff; Redis gets a circuit breaker so an outage costs nothing after the first failures.
/// </summary>
public sealed class DataResilience
{
    public DataResilience(IOptions<ResilienceOptions> options)
    {
        var settings = options.Value;
        Postgres = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<TimeoutException>(),
                MaxRetryAttempts = settings.PostgresRetries,
                Delay = settings.PostgresRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();

        Redis = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>().Handle<TimeoutRejectedException>(),
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = settings.RedisBreakDuration,
            })
            .AddTimeout(settings.RedisOperationTimeout)
            .Build();
    }

    public ResiliencePipeline Postgres { get; }

    public ResiliencePipeline Redis { get; }
}

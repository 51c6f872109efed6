namespace AgentLightning.Infrastructure.Resilience;

public sealed class ResilienceOptions
{
    public const string Section = "Resilience";

    public int PostgresRetries { get; set; } = 3;

    public TimeSpan PostgresRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long Redis is left alone once the breaker opens; meanwhile everything is served by PostgreSQL.</summary>
    public TimeSpan RedisBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RedisOperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}

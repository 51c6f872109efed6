using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Counts what one piece of code sends: Redis commands (StackExchange.Redis' profiler, for this async flow only, so a
/// host's background loops do not count) and SQL statements that name a table.
/// </summary>
internal sealed class RoundTrips : IDisposable
{
    private static readonly AsyncLocal<ProfilingSession?> Current = new();
    private readonly ProfilingSession _redis = new();
    private readonly StatementCounter _statements;

    public RoundTrips(IConnectionMultiplexer redis, string table)
    {
        redis.RegisterProfiler(() => Current.Value);
        Current.Value = _redis;
        _statements = new StatementCounter(table);
    }

    public int PostgresStatements => _statements.Count;

    /// <summary>The Redis commands sent so far (each script is one EVAL/EVALSHA).</summary>
    public int RedisCommands() => _redis.FinishProfiling().Count();

    public void Dispose()
    {
        Current.Value = null;
        _statements.Dispose();
    }
}

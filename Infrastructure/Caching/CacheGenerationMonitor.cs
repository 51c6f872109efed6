using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Keeps <see cref="CacheGeneration"/> honest: distrusts Redis the moment its connection fails, and every
/// check interval synchronises again, which notices PostgreSQL's generation moving on (a writer elsewhere could
/// not reach Redis) and a Redis that lost its data or is another server. The interval bounds staleness when
/// only some processes lose Redis; a distrust wakes it at once.
/// </summary>
internal sealed partial class CacheGenerationMonitor(
    CacheGeneration generation, IConnectionMultiplexer redis, IOptions<CacheOptions> options,
    ILogger<CacheGenerationMonitor> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        generation.Distrusted += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await CheckAsync(stoppingToken);
                await _wake.WaitAsync(options.Value.GenerationCheckInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
            generation.Distrusted -= Wake;
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (redis.IsConnected)
            {
                await generation.SynchronizeAsync(cancellationToken);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            generation.Distrust(e.GetType().Name);
            LogCheckFailed(logger, e.Message);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => generation.Distrust(e.FailureType.ToString());

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Wake();

    // A distrusting process (its own bump, a failed script) checks again at once rather than at the next tick:
    // until then each of its writes is unmarked and bumps again, emptying the cache for everyone.
    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Debug, "Cache generation check failed: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}

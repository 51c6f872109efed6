using Microsoft.Extensions.Options;

namespace AgentLightning.Auth.Keys;

/// <summary>Makes sure a key exists before the first request, then rotates and forgets keys on schedule.</summary>
internal sealed partial class KeyMaintenanceService(SigningKeyStore keys, IOptions<AuthServerOptions> options, TimeProvider clock, ILogger<KeyMaintenanceService> logger)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        keys.Signing();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                keys.Maintain();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // The keys that sign now stay usable; the next tick tries again.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing key maintenance failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

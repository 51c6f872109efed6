using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Hosting.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Discovery;

/// <summary>
/// The instance's readiness as /health/ready reports it (the checks tagged ready, the worst result wins), run here
/// rather than through HealthCheckService, which logs an error for every unhealthy run: every heartbeat during a Redis
/// outage would log one. The outage is the checks' owners' to report, once.
/// </summary>
internal sealed class InstanceReadiness(IServiceScopeFactory scopes, IOptions<HealthCheckServiceOptions> options)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        var worst = HealthStatus.Healthy;
        await using var scope = scopes.CreateAsyncScope();
        foreach (var registration in options.Value.Registrations.Where(r => r.Tags.Contains(HealthTags.Ready)))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(registration.Timeout == Timeout.InfiniteTimeSpan ? DefaultTimeout : registration.Timeout);
            HealthStatus status;
            try
            {
                var check = registration.Factory(scope.ServiceProvider);
                status = (await check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, timeout.Token)).Status;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                status = registration.FailureStatus;
            }

            worst = status < worst ? status : worst;
        }

        return worst switch
        {
            HealthStatus.Healthy => HealthStatuses.Healthy,
            HealthStatus.Degraded => HealthStatuses.Degraded,
            _ => HealthStatuses.Unhealthy,
        };
    }
}

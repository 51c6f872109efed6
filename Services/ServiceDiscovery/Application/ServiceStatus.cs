using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.ServiceDiscovery.Application;

/// <summary>
/// A service's health from its live instances: healthy when every one is ready, degraded when some are live but not
/// all ready, unhealthy when none is live or ready. Losing one of two ready instances leaves it healthy.
/// </summary>
internal static class ServiceStatus
{
    public static string Of(IReadOnlyCollection<ServiceInstance> live)
    {
        var ready = live.Count(i => i.Readiness != HealthStatuses.Unhealthy);
        if (ready == 0)
        {
            return HealthStatuses.Unhealthy;
        }

        return ready == live.Count && live.All(i => i.Readiness == HealthStatuses.Healthy) ? HealthStatuses.Healthy : HealthStatuses.Degraded;
    }

    public static string Detail(IReadOnlyCollection<ServiceInstance> live) =>
        $"{live.Count(i => i.Readiness == HealthStatuses.Healthy)} of {live.Count} live instances ready";
}

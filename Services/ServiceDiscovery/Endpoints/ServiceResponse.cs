using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.ServiceDiscovery.Application;

namespace AgentLightning.ServiceDiscovery.Endpoints;

/// <summary>A service, its status (healthy, degraded, unhealthy) and its live instances.</summary>
internal sealed record ServiceResponse(string Name, string Status, IReadOnlyList<InstanceResponse> Instances)
{
    public static ServiceResponse From(ServiceView view) => new(view.Name, view.Status, [.. view.Instances.Select(InstanceResponse.From)]);
}

/// <summary>
/// One live instance; <c>ready</c> and <c>readiness</c> are what its own /health/ready checks said at its last
/// heartbeat (at most the heartbeat interval old).
/// </summary>
internal sealed record InstanceResponse(
    string Id, string BaseUrl, string Version, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeat, bool Ready, string Readiness)
{
    public static InstanceResponse From(ServiceInstance instance) => new(
        instance.Id, instance.BaseUrl, instance.Version, instance.StartedAt, instance.LastHeartbeat,
        instance.Readiness != HealthStatuses.Unhealthy, instance.Readiness);
}

/// <summary><c>{ "services": [...], "count": n, "next": cursor }</c>; count is this page's, next is null on the last.</summary>
internal sealed record ServiceListResponse(IReadOnlyList<ServiceResponse> Services, int Count, string? Next);

namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// One running process of a service, as it registered itself: it refreshes <see cref="LastHeartbeat"/> (the
/// database's clock) every few seconds and is live while that is newer than the expiry.
/// </summary>
public sealed class ServiceInstance
{
    public const int MaxIdLength = 200;

    public const int MaxServiceLength = 100;

    public const int MaxBaseUrlLength = 2000;

    public const int MaxVersionLength = 100;

    public required string Id { get; set; }

    public required string Service { get; set; }

    public required string BaseUrl { get; set; }

    public required string Version { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastHeartbeat { get; set; }

    /// <summary>What the instance's own readiness checks said at its last heartbeat: healthy, degraded or unhealthy.</summary>
    public required string Readiness { get; set; }
}

namespace AgentLightning.Contracts.System;

/// <summary>
/// Health values of a <see cref="ServiceHealthChanged"/>, named as ASP.NET Core health checks report them.
/// </summary>
public static class HealthStatuses
{
    public const string Healthy = "healthy";

    public const string Degraded = "degraded";

    public const string Unhealthy = "unhealthy";

    public static IReadOnlyList<string> All { get; } = [Healthy, Degraded, Unhealthy];
}

namespace AgentLightning.Infrastructure.Hosting.HealthChecks;

public static class HealthTags
{
    /// <summary>
    /// Checks with this tag decide readiness. MassTransit tags its bus check "ready" by default, so the bus
    /// joins /health/ready as soon as messaging is added; tag any further dependency check the same way.
    /// </summary>
    public const string Ready = "ready";
}

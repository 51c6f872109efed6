namespace AgentLightning.IntegrationHub.Proxy;

/// <summary>Limits of GET /integrations/{id}/proxy/{path} (section IntegrationHub:Proxy; resilience under its Resilience key).</summary>
internal sealed class ProxyOptions
{
    public const string Section = "IntegrationHub:Proxy";
    public const string ResilienceSection = Section + ":Resilience";

    /// <summary>Larger answers are passed on but not cached, so one big answer cannot fill Redis.</summary>
    public int MaxCachedBytes { get; set; } = 256 * 1024;

    /// <summary>Larger answers are refused (502): the proxy buffers each answer.</summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;
}

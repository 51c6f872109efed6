namespace AgentLightning.ServiceDiscovery.Tests.Support;

public static class Names
{
    /// <summary>A made-up service name of this test's own (kebab-case, as Service:Name requires).</summary>
    public static string Service() => "probe-" + Guid.NewGuid().ToString("N")[..10];
}

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>Unique ids, because event exchanges and the broker are shared with every other test.</summary>
public static class Samples
{
    public static string AgentId(string prefix = "agent") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static object Agent(string id, string name = "Test Agent") => new
    {
        id,
        name,
        model = "test-model",
        specialization = "research",
        config = new { temperature = 0.2, tools = new[] { "search" } },
        capabilities = new[] { "search", "summarise" },
    };
}

using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Tests;

internal static class Samples
{
    public static string AgentId() => "agent-" + Guid.NewGuid().ToString("N")[..10];

    public static Agent Agent(string? id = null, string name = "Test Agent") => new()
    {
        Id = id ?? AgentId(),
        Name = name,
        Model = "test-model",
        Specialization = "testing",
        Config = """{"temperature":0.2}""",
        Capabilities = ["search"],
    };
}

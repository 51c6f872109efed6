using AgentLightning.Contracts.Agents;

namespace AgentLightning.WebSocket.Tests.Support;

/// <summary>Agent events as Agent Designer publishes them, for specs that publish straight on the bus.</summary>
public static class AgentEvents
{
    public static string NewId() => "ws-" + Guid.NewGuid().ToString("N")[..12];

    public static AgentUpdated Updated(string agentId, long version, string? padding = null) => new()
    {
        AgentId = agentId,
        Name = padding ?? "agent " + agentId,
        Model = "local",
        Version = version,
        OccurredAt = DateTimeOffset.UtcNow,
    };
}

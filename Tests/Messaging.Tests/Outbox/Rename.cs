namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>A command whose consumer changes an agent and announces it; <see cref="Fail"/> makes it throw afterwards.</summary>
public sealed record Rename(string AgentId, string Name, bool Fail);

public sealed record Renamed(string AgentId, string Name);

namespace AgentLightning.Messaging.TestService;

public sealed record Ping(Guid Id, int Sequence);

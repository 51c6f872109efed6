namespace AgentLightning.Messaging.Tests.Outbox;

public sealed record Ping(Guid Id, int Sequence);

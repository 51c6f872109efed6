namespace AgentLightning.Messaging.TestService;

/// <summary>A test event; <paramref name="Run"/> tells one test run's pings from another's on the shared exchange.</summary>
public sealed record Ping(Guid Id, int Sequence, string? Run = null);

namespace AgentLightning.Benchmarks.Scenarios.Outbox;

/// <summary>The event each producer transaction commits with its row.</summary>
public sealed record ItemCommitted(Guid ItemId);

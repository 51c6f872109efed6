namespace AgentLightning.Contracts.Agents;

public sealed record AgentDeleted
{
    public required string AgentId { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

namespace AgentLightning.Contracts.Agents;

public sealed record AgentStatusChanged
{
    public required string AgentId { get; init; }

    public required string PreviousStatus { get; init; }

    public required string Status { get; init; }

    public string? Reason { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

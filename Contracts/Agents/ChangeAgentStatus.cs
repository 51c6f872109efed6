namespace AgentLightning.Contracts.Agents;

public sealed record ChangeAgentStatus
{
    public required string AgentId { get; init; }

    public required string Status { get; init; }

    public string? Reason { get; init; }

    public long? ExpectedVersion { get; init; }
}

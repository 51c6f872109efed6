namespace AgentLightning.Contracts.Agents;

public sealed record DeleteAgent
{
    public required string AgentId { get; init; }

    public long? ExpectedVersion { get; init; }
}

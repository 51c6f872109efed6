namespace AgentLightning.Contracts.Agents;

public sealed record AgentNotFound
{
    public required string AgentId { get; init; }
}

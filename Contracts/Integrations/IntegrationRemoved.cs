namespace AgentLightning.Contracts.Integrations;

public sealed record IntegrationRemoved
{
    public required Guid IntegrationId { get; init; }

    public required string Kind { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

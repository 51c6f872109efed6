namespace AgentLightning.Contracts.Integrations;

/// <summary>Removes an integration; removing one that is already gone is done, not an error.</summary>
public sealed record RemoveIntegration
{
    public required Guid IntegrationId { get; init; }
}

namespace AgentLightning.Contracts.Provisioning;

/// <summary>The agent is active, its capacity reserved, its webhook (if asked for) registered and its API key issued.</summary>
public sealed record AgentProvisioned
{
    public required Guid ProvisioningId { get; init; }

    public required string AgentId { get; init; }

    /// <summary>The agent's API key (its secret is picked up once from Auth).</summary>
    public required Guid KeyId { get; init; }

    /// <summary>The model capacity reservation held for the agent.</summary>
    public required Guid ReservationId { get; init; }

    public Guid? IntegrationId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

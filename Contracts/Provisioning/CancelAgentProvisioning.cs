namespace AgentLightning.Contracts.Provisioning;

/// <summary>Stops a running provisioning, compensating what it did; a finished one is left alone.</summary>
public sealed record CancelAgentProvisioning
{
    public required Guid ProvisioningId { get; init; }

    public string? Reason { get; init; }
}

namespace AgentLightning.Contracts.Provisioning;

/// <summary>Where an agent's default webhook delivers, and the event channels (globs) it subscribes to.</summary>
public sealed record ProvisioningWebhook
{
    public required Uri Target { get; init; }

    public IReadOnlyList<string> Channels { get; init; } = [];
}

using System.Text.Json;

namespace AgentLightning.Contracts.Provisioning;

/// <summary>
/// Provisions an agent end to end (agent, model capacity, optional webhook, API key, activation) under the id the
/// caller chose, which is the saga's correlation id: a retry cannot start a second provisioning. Owned by the
/// Transaction Coordinator. The key's secret never travels in a message: an admin picks it up once from Auth
/// (<c>POST /auth/api-keys/{keyId}/secret</c>, the key id is <see cref="ProvisioningId"/>).
/// </summary>
public sealed record ProvisionAgent
{
    public required Guid ProvisioningId { get; init; }

    public required string AgentId { get; init; }

    public required string Name { get; init; }

    public required string Model { get; init; }

    public string? Specialization { get; init; }

    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public JsonElement? Config { get; init; }

    /// <summary>The agent's default webhook integration; none is registered without it.</summary>
    public ProvisioningWebhook? Webhook { get; init; }

    /// <summary>The role of the agent's API key (admin, operator, viewer); operator when absent.</summary>
    public string? KeyRole { get; init; }

    /// <summary>When the agent's API key expires; the coordinator's default lifetime from now when absent.</summary>
    public DateTimeOffset? KeyExpiresAt { get; init; }
}

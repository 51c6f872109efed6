namespace AgentLightning.Contracts.Provisioning;

/// <summary>
/// A provisioning failed, was rejected, timed out or was cancelled at <see cref="FailedStep"/>; the compensations of
/// the steps it had taken were sent with this event, in reverse order.
/// </summary>
public sealed record AgentProvisioningFailed
{
    public required Guid ProvisioningId { get; init; }

    public required string AgentId { get; init; }

    /// <summary>One of <see cref="ProvisioningSteps"/>.</summary>
    public required string FailedStep { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

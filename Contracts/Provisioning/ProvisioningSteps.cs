namespace AgentLightning.Contracts.Provisioning;

/// <summary>The steps of an agent's provisioning, in order (<see cref="AgentProvisioningFailed.FailedStep"/>).</summary>
public static class ProvisioningSteps
{
    public const string CreateAgent = "create-agent";

    public const string ReserveCapacity = "reserve-capacity";

    public const string RegisterWebhook = "register-webhook";

    public const string IssueKey = "issue-key";

    public const string ActivateAgent = "activate-agent";

    public static IReadOnlyList<string> All { get; } = [CreateAgent, ReserveCapacity, RegisterWebhook, IssueKey, ActivateAgent];
}

using System.ComponentModel.DataAnnotations;
using AgentLightning.Contracts.Identity;

namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>The "Provisioning" section: how long a step may take, and the agent key's defaults.</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>A step not answered within this is compensated with the steps before it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00", ErrorMessage = "Provisioning:StepTimeout must be between 100 ms and 1 day.")]
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The key's lifetime when ProvisionAgent names no expiry (Auth refuses more than its Auth:MaxApiKeyLifetime).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Provisioning:KeyLifetime must be between 1 minute and 3650 days.")]
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromDays(90);

    public string KeyRole { get; set; } = UserRoles.Operator;
}

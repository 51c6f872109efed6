using System.ComponentModel.DataAnnotations;

namespace AgentLightning.ServiceDiscovery.Monitoring;

public sealed class MonitorOptions
{
    public const string SectionName = "ServiceDiscovery";

    /// <summary>How often the monitor compares each service's health with the last one announced.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "ServiceDiscovery:MonitorInterval must be between 50 ms and 10 minutes.")]
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the row of an instance that stopped heartbeating is kept (it is not listed) before it is purged.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "ServiceDiscovery:Retention must be between 1 second and 30 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(1);
}

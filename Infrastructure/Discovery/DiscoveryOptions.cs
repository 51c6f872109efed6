using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Discovery;

/// <summary>How an instance registers itself in the service registry, and how long the registry trusts a heartbeat.</summary>
public sealed class DiscoveryOptions : IValidatableObject
{
    public const string SectionName = "Discovery";

    /// <summary>Off for a host that is not a deployed instance (a test host that should not appear in the registry).</summary>
    public bool Register { get; set; } = true;

    /// <summary>The address others reach this instance at; by default the first address the server is bound to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>This process's id in the registry; a new one per process by default, so a restart is a new instance.</summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string InstanceId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Discovery:HeartbeatInterval must be between 100 ms and 10 minutes.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>An instance whose last heartbeat is older than this is gone: 10 s, so a killed instance leaves the lists within 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00", ErrorMessage = "Discovery:Expiry must be between 500 ms and 1 hour.")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a caller reuses the instances it read for a service before it reads the registry again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Discovery:ResolverCacheDuration must be between 0 and 1 minute.")]
    public TimeSpan ResolverCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Two heartbeats per expiry at least: one slow or lost heartbeat must not drop a live instance.
        if (Expiry < HeartbeatInterval * 2)
        {
            yield return new ValidationResult(
                $"Discovery:Expiry ({Expiry}) must be at least twice Discovery:HeartbeatInterval ({HeartbeatInterval}).", [nameof(Expiry)]);
        }

        if (BaseUrl is not null && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"Discovery:BaseUrl must be an absolute address; it is '{BaseUrl}'.", [nameof(BaseUrl)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Auth;

/// <summary>What only the Auth service reads from the "Auth" section: its keys, token lifetimes and login limits.</summary>
internal sealed class AuthServerOptions : IValidatableObject
{
    /// <summary>The environment variable with the first admin's password (needed only while there is no admin).</summary>
    public const string AdminPasswordVariable = "AGENTLIGHTNING_ADMIN_PASSWORD";

    [Required(ErrorMessage = "Auth:KeyDirectory is required: the directory where Auth keeps its signing keys (environment Auth__KeyDirectory).")]
    public string KeyDirectory { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "Auth:AccessTokenLifetime must be between 5 seconds and 1 day.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Auth:RefreshTokenLifetime must be between 1 minute and 90 days.")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a new key is published before it signs: longer than the validators' refresh interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Auth:KeyPublishLead must be between 0 and 7 days.")]
    public TimeSpan KeyPublishLead { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Auth:KeyRotationInterval must be between 1 minute and 365 days.")]
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Auth:KeyCheckInterval must be between 100 ms and 1 hour.")]
    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 100, ErrorMessage = "Auth:MaxFailedLogins must be between 1 and 100.")]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:LockoutDuration must be between 1 second and 1 day.")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(1, 10_000, ErrorMessage = "Auth:LoginsPerMinutePerAddress must be between 1 and 10000.")]
    public int LoginsPerMinutePerAddress { get; set; } = 30;

    [Range(1, 10_000, ErrorMessage = "Auth:LoginsPerMinutePerUser must be between 1 and 10000.")]
    public int LoginsPerMinutePerUser { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "Auth:MaxApiKeyLifetime must be between 1 second and 10 years.")]
    public TimeSpan MaxApiKeyLifetime { get; set; } = TimeSpan.FromDays(365);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyRotationInterval <= KeyPublishLead)
        {
            yield return new ValidationResult("Auth:KeyRotationInterval must be longer than Auth:KeyPublishLead.", [nameof(KeyRotationInterval)]);
        }
    }
}

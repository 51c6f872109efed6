using System.ComponentModel.DataAnnotations;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>
/// Where every service finds the keys that sign the platform's tokens: Auth publishes them at
/// <c>{Authority}/.well-known/openid-configuration</c>; no other service holds a key that can sign one.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    public const string DefaultAuthority = "http://127.0.0.1:8001";

    public const string DefaultIssuer = "agent-lightning";

    public const string DefaultAudience = "agent-lightning";

    public const string DiscoveryPath = "/.well-known/openid-configuration";

    [Required(ErrorMessage = "Auth:Authority is required: the base address of the Auth service (environment Auth__Authority).")]
    public string Authority { get; set; } = DefaultAuthority;

    [Required]
    public string Issuer { get; set; } = DefaultIssuer;

    [Required]
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>
    /// The shortest time between two fetches of the keys when a token names a key id the cache does not know;
    /// Auth publishes a new key at least this long before it signs with it (its Auth:KeyPublishLead).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:MetadataRefreshInterval must be between 1 second and 1 day.")]
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the cached keys are fetched again even when every token's key is known.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:MetadataAutomaticRefreshInterval must be between 1 second and 1 day.")]
    public TimeSpan MetadataAutomaticRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Accepts a plain-HTTP authority off the loopback interface: only for a private network no one else can reach,
    /// such as compose.yaml's, where the services call Auth by its container name.
    /// </summary>
    public bool AllowHttpOnPrivateNetwork { get; set; }

    /// <summary>
    /// Fetch the keys from a ready Auth instance of the service registry (<c>http://auth</c>), falling back to
    /// <see cref="Authority"/>; off, always from <see cref="Authority"/>. The registry is written by every instance, so
    /// on, whoever can write the platform's database can also name where keys come from (docs/auth.md).
    /// </summary>
    public bool ResolveThroughRegistry { get; set; } = true;

    public string MetadataAddress() => Authority.TrimEnd('/') + DiscoveryPath;

    /// <summary>Plain HTTP is accepted on the loopback interface, where nobody can swap the published keys in transit, or when allowed.</summary>
    public bool RequireHttpsMetadata() => !new Uri(Authority).IsLoopback && !AllowHttpOnPrivateNetwork;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Auth:Authority must be an absolute http(s) address; it is '{Authority}'.", [nameof(Authority)]);
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !AllowHttpOnPrivateNetwork)
        {
            yield return new ValidationResult(
                $"Auth:Authority must use https unless it is a loopback address (or Auth:AllowHttpOnPrivateNetwork is set); it is '{Authority}'.",
                [nameof(Authority)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>
/// JWT settings shared by every service. The signing key comes only from the environment (Auth__SigningKey);
/// its UTF-8 bytes are the HMAC-SHA256 key, so every service must be given the same string.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    public const int MinimumKeyBytes = 32;

    public const string DefaultIssuer = "agent-lightning";

    public const string DefaultAudience = "agent-lightning";

    [Required(ErrorMessage = "Auth:SigningKey is required: set the environment variable Auth__SigningKey (at least 32 bytes).")]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = DefaultIssuer;

    [Required]
    public string Audience { get; set; } = DefaultAudience;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Auth:TokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var bytes = Encoding.UTF8.GetByteCount(SigningKey);
        if (bytes < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Auth:SigningKey must be at least {MinimumKeyBytes} bytes for HMAC-SHA256; it has {bytes}.",
                [nameof(SigningKey)]);
        }
    }

    internal SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey));
}

using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>Signs the tokens that every service's JWT bearer handler accepts.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly AuthOptions _options = options.Value;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(options.Value.CreateSigningKey(), SecurityAlgorithms.HmacSha256);

    public IssuedToken Issue(string subject, params IEnumerable<string> roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var now = time.GetUtcNow();
        var expires = now + _options.TokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                [PlatformClaims.Role] = roles.Distinct(StringComparer.Ordinal).ToArray(),
            },
        };
        return new IssuedToken(_handler.CreateToken(descriptor), expires);
    }
}

using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Auth.Keys;

/// <summary>Signs access tokens with the key that signs now; only this service holds such a key.</summary>
internal sealed class AccessTokens(SigningKeyStore keys, IOptions<AuthOptions> auth, IOptions<AuthServerOptions> server, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => server.Value.AccessTokenLifetime;

    public string Issue(User user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Value.Issuer,
            Audience = auth.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(keys.Signing().SecurityKey, SecurityAlgorithms.EcdsaSha256),
            Claims = new Dictionary<string, object>
            {
                [PlatformClaims.Subject] = user.Id.ToString(),
                [PlatformClaims.Name] = user.UserName,
                [PlatformClaims.Role] = user.Role,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
    }
}

using Microsoft.IdentityModel.JsonWebTokens;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>Claim names as they appear in the token; inbound claim mapping is off, so they stay as written.</summary>
public static class PlatformClaims
{
    public const string Subject = JwtRegisteredClaimNames.Sub;

    public const string Role = "role";

    public const string Name = "name";
}

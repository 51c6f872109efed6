using System.Security.Claims;
using AgentLightning.Infrastructure.Hosting.Authentication;

namespace AgentLightning.Auth.Endpoints;

internal static class Caller
{
    /// <summary>The user behind a token (an API key's subject is not a user id, so it gives null).</summary>
    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(PlatformClaims.Subject)?.Value, out var id) ? id : null;
}

using System.Security.Claims;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>Who an audit row names for a request: the user's or API key's name, else its subject.</summary>
public static class Actors
{
    public static string ActorName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PlatformClaims.Name) ?? user.FindFirstValue(PlatformClaims.Subject) ?? "unknown";
}

using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>
/// <c>GET /me</c>: who this service takes the caller to be (subject, roles, how it signed in), so a client can check a
/// token or key against any service. It does no I/O, which also makes it the HTTP stack's ceiling in the benchmarks.
/// </summary>
public static class CallerEndpoint
{
    public const string Path = "/me";

    public static IEndpointRouteBuilder MapCallerEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, Describe).RequireAuthorization(Policies.Viewer).WithName("GetCaller")
            .WithSummary("The caller as this service authenticated it.");
        return routes;
    }

    private static Ok<Caller> Describe(ClaimsPrincipal user) => TypedResults.Ok(new Caller(
        user.FindFirstValue(PlatformClaims.Subject) ?? "",
        [.. user.FindAll(PlatformClaims.Role).Select(c => c.Value)],
        user.Identity?.AuthenticationType ?? ""));

    public sealed record Caller(string Subject, IReadOnlyList<string> Roles, string Scheme);
}

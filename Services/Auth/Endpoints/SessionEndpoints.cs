using AgentLightning.Auth.Application;
using AgentLightning.Infrastructure.Hosting.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentLightning.Auth.Endpoints;

/// <summary>Login, refresh and logout: anonymous (the body is the credential), login rate-limited.</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/auth").AllowAnonymous().WithTags("Sessions");
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(LoginLimits.PerAddressPolicy)
            .WithName("Login").WithSummary("Signs in with username and password: an access token and a refresh token; 401 if refused, 429 past the per-user or per-address limit.")
            .ProducesProblems(StandardProblems.BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshAsync).WithName("RefreshSession")
            .WithSummary("Trades a refresh token (once) for a new access and refresh token; 401 if unknown, expired, revoked or used.")
            .ProducesProblems(StandardProblems.BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", LogoutAsync).WithName("Logout").WithSummary("Signs out: revokes the refresh token.")
            .ProducesProblems(StandardProblems.BadRequest);
        return routes;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest body, Logins logins, LoginLimits limits, CancellationToken cancellationToken)
    {
        var userName = UserFields.Required(body.Username, "username", 256).Trim().ToLowerInvariant();
        var password = UserFields.Required(body.Password, "password", Passwords.MaxLength);
        if (!limits.TryAcquire(userName))
        {
            return TypedResults.Problem("Too many logins for this user; try again in a minute.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        return await logins.LoginAsync(userName, password, cancellationToken) is { } tokens
            ? TypedResults.Ok(tokens)
            : Refused("Invalid username or password, or the account is locked or inactive.");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest body, Sessions sessions, CancellationToken cancellationToken)
    {
        var token = UserFields.Required(body.RefreshToken, "refreshToken", 256);
        return await sessions.RefreshAsync(token, cancellationToken) is { } tokens
            ? TypedResults.Ok(tokens)
            : Refused("The refresh token is unknown, expired, revoked or was already used.");
    }

    private static async Task<NoContent> LogoutAsync(RefreshRequest body, Sessions sessions, CancellationToken cancellationToken)
    {
        await sessions.RevokeAsync(UserFields.Required(body.RefreshToken, "refreshToken", 256), cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}

internal sealed record LoginRequest(string? Username, string? Password);

internal sealed record RefreshRequest(string? RefreshToken);

using System.Security.Claims;
using System.Text.Encodings.Web;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>
/// Accepts <c>Authorization: ApiKey &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. Each request reads the key's row
/// (one primary-key lookup, no cache), so a revoked or expired key stops working on the next request.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AgentLightningDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = PlatformSchemes.ApiKey + " ";

    /// <summary>
    /// Whether a request carries an API key (so the policy scheme forwards it here). An Authorization header decides
    /// by its scheme, so a bearer token is never shadowed by an X-Api-Key header sent next to it; X-Api-Key counts
    /// only without one, and a blank X-Api-Key (a client's unset variable) counts as absent.
    /// </summary>
    public static bool IsPresent(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.Length > 0
            ? authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            : !string.IsNullOrWhiteSpace(request.Headers[PlatformSchemes.ApiKeyHeader].ToString());
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        var presented = authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[Prefix.Length..].Trim()
            : Request.Headers[PlatformSchemes.ApiKeyHeader].ToString().Trim();
        if (presented.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecret.TryParse(presented, out var id, out var hash))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, Context.RequestAborted);
        if (key is null || !ApiKeySecret.Matches(hash, key.SecretHash) || !key.IsUsableAt(clock.GetUtcNow()))
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(PlatformClaims.Subject, $"api-key:{key.Id:N}"),
                new Claim(PlatformClaims.Name, key.Name),
                new Claim(PlatformClaims.Role, key.Role),
            ],
            Scheme.Name, PlatformClaims.Subject, PlatformClaims.Role);
        // The key's expiry travels as a token's does, for whoever keeps a connection open on it (the live feed).
        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(identity), new AuthenticationProperties { ExpiresUtc = key.ExpiresAt }, Scheme.Name));
    }

    /// <summary>The challenge is the bearer scheme's (the policy scheme forwards it there), so 401s name one scheme.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(PlatformSchemes.Bearer, properties);
}

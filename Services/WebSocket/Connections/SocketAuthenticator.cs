using System.Globalization;
using System.Security.Claims;
using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AgentLightning.WebSocket.Connections;

/// <summary>
/// Checks a token that came outside the Authorization header (a query parameter or the first message) with the
/// service's own authentication: the token is put on a request of its own, as a client would have sent it, and
/// that request goes through the platform scheme (bearer token or API key) and the viewer policy. The credential's
/// expiry comes back with it (the session closes the socket then); an API key is also checked again while its socket
/// is open (ClientSession), since it can be revoked before it expires.
/// </summary>
internal sealed class SocketAuthenticator(IAuthorizationService authorization)
{
    public async Task<(ClaimsPrincipal? User, DateTimeOffset? Expires, int Refusal)> AuthenticateAsync(HttpContext connection, string token)
    {
        // A scope of its own: the scope's handler provider keeps the handlers it initialised for the upgrade request.
        await using var scope = connection.RequestServices.CreateAsyncScope();
        var request = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (ApiKeySecret.TryParse(token, out _, out _))
        {
            request.Request.Headers[PlatformSchemes.ApiKeyHeader] = token;
        }
        else
        {
            request.Request.Headers.Authorization = "Bearer " + token;
        }

        var result = await request.AuthenticateAsync(PlatformSchemes.Platform);
        if (!result.Succeeded)
        {
            return (null, null, CloseCodes.Unauthorized);
        }

        var allowed = await authorization.AuthorizeAsync(result.Principal, Policies.Viewer);
        return allowed.Succeeded ? (result.Principal, Expiry(result), 0) : (null, null, CloseCodes.Forbidden);
    }

    /// <summary>The credential's expiry, as its handler reports it (an API key's too) or from a token's exp claim.</summary>
    private static DateTimeOffset? Expiry(AuthenticateResult result) =>
        result.Properties?.ExpiresUtc
        ?? (long.TryParse(result.Principal?.FindFirstValue(JwtRegisteredClaimNames.Exp), NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null);
}

using System.Security.Claims;
using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace AgentLightning.WebSocket.Connections;

/// <summary>
/// Checks a token that came outside the Authorization header (a query parameter or the first message) with the
/// service's own authentication: the token is put on a request of its own, as a client would have sent it, and
/// that request goes through the platform scheme (bearer token or API key) and the viewer policy. Checked once, at
/// connect time: a token that expires or a key revoked later does not close an open connection.
/// </summary>
internal sealed class SocketAuthenticator(IAuthorizationService authorization)
{
    public async Task<(ClaimsPrincipal? User, int Refusal)> AuthenticateAsync(HttpContext connection, string token)
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
            return (null, CloseCodes.Unauthorized);
        }

        var allowed = await authorization.AuthorizeAsync(result.Principal, Policies.Viewer);
        return allowed.Succeeded ? (result.Principal, 0) : (null, CloseCodes.Forbidden);
    }
}

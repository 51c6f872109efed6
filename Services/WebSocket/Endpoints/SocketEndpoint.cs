using AgentLightning.WebSocket.Connections;
using AgentLightning.WebSocket.Feed;
using Microsoft.Extensions.Options;

namespace AgentLightning.WebSocket.Endpoints;

internal static class SocketEndpoint
{
    public const string Path = "/ws";

    /// <summary>
    /// Anonymous at the HTTP level: a browser cannot set headers on a WebSocket and cannot see an HTTP 401, so the
    /// token is checked after the upgrade and a refusal is a close code (4401, 4403).
    /// </summary>
    public static IEndpointRouteBuilder MapSocketEndpoint(this IEndpointRouteBuilder routes)
    {
        // Not an HTTP operation OpenAPI can describe (101, then frames): docs/websocket.md is its reference.
        routes.MapGet(Path, ConnectAsync).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ConnectAsync(
        HttpContext http, LiveFeed feed, SocketAuthenticator authenticator, IOptions<LiveFeedOptions> options, FeedMetrics metrics,
        TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ClientSession> logger)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem($"{Path} takes WebSocket upgrade requests only.", statusCode: StatusCodes.Status400BadRequest);
        }

        var limits = options.Value;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = limits.KeepAliveInterval,
            KeepAliveTimeout = limits.KeepAliveTimeout,
        });
        await new ClientSession(socket, http, feed, authenticator, limits, metrics, clock, logger).RunAsync(lifetime.ApplicationStopping);
        return TypedResults.Empty;
    }
}

namespace AgentLightning.WebSocket.Connections;

/// <summary>The close codes the server uses beyond the standard ones (docs/websocket.md); 4000-4999 are the application's.</summary>
internal static class CloseCodes
{
    /// <summary>No token, a bad one, none in time, or the token expired without a fresh one (as HTTP 401).</summary>
    public const int Unauthorized = 4401;

    /// <summary>A valid token whose role is below viewer (as HTTP 403).</summary>
    public const int Forbidden = 4403;

    /// <summary>The client's send buffer stayed full past the slow-client timeout (as HTTP 408).</summary>
    public const int TooSlow = 4408;

    /// <summary>
    /// No message went either way for WebSocket:IdleTimeout. No HTTP status means idle and 408 is taken by
    /// <see cref="TooSlow"/>: 440 is the nearest in use (IIS's session timeout).
    /// </summary>
    public const int Idle = 4440;

    /// <summary>The user already holds as many connections on this instance as WebSocket:MaxConnectionsPerUser allows (as HTTP 429).</summary>
    public const int TooManyConnections = 4429;

    /// <summary>RFC 6455: a message larger than the limit.</summary>
    public const int MessageTooBig = 1009;

    /// <summary>RFC 6455: the server is stopping.</summary>
    public const int GoingAway = 1001;

    public const int Normal = 1000;
}

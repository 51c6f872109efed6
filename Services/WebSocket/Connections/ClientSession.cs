using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.WebSocket.Feed;
using Socket = System.Net.WebSockets.WebSocket;

namespace AgentLightning.WebSocket.Connections;

/// <summary>
/// One socket from accept to close. A receive loop reads the client's messages; once the client is authenticated a
/// writer loop of its own drains its send buffer, so a client that stops reading only ever blocks its own writer.
/// The server closes the socket on a bad or late token, a token that expired without a fresh one, an API key revoked
/// meanwhile, one connection too many for its user, an oversized message, a buffer that stays full, a connection on
/// which no message went either way for the idle timeout, or shutdown. The first reason is the close (later ones are
/// ignored), and the watches stop with the writer.
/// </summary>
internal sealed partial class ClientSession(
    Socket socket, HttpContext http, LiveFeed feed, SocketAuthenticator authenticator, LiveFeedOptions options, FeedMetrics metrics,
    TimeProvider clock, ILogger<ClientSession> logger)
{
    private readonly TaskCompletionSource<Closing?> _closeRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _writerStop = new();
    private readonly SocketIo _io = new(socket, metrics, options.CloseTimeout, clock);
    private ClientConnection? _connection;
    private bool _tokenReceived;
    private Task _writer = Task.CompletedTask;
    private Task _keyRecheck = Task.CompletedTask;
    private Task _idle = Task.CompletedTask;
    private TokenExpiry? _expiry;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var onStopping = stopping.Register(() => RequestClose(new(CloseCodes.GoingAway, "The server is stopping.")));
        var queryToken = http.Request.Query["access_token"].ToString();
        _tokenReceived = queryToken.Length > 0;

        // The deadline is for the token to arrive; checking it may take longer (the first token fetches the keys).
        using var authTimer = new CancellationTokenSource(options.AuthTimeout);
        using var onAuthTimeout = authTimer.Token.Register(() =>
        {
            if (!Volatile.Read(ref _tokenReceived))
            {
                RequestClose(new(CloseCodes.Unauthorized, "No token in time: add ?access_token= or send {\"type\":\"auth\",\"token\":...} first."));
            }
        });

        var receiving = ReceiveAsync(queryToken);
        try
        {
            var closing = await Task.WhenAny<Closing?>(receiving, _closeRequested.Task) == receiving ? await receiving : await _closeRequested.Task;
            await _writerStop.CancelAsync();
            await _writer;
            await _keyRecheck;
            await _idle;
            if (closing is { } close)
            {
                await CloseOutputAsync(close);
            }

            // After the server's close frame, the client's reply ends the receive loop; a client that never sends it is cut off.
            if (await Task.WhenAny(receiving, Task.Delay(options.CloseTimeout, CancellationToken.None)) != receiving)
            {
                socket.Abort();
            }

            await receiving;
        }
        finally
        {
            _expiry?.Dispose();
            if (_connection is { } connection)
            {
                feed.Remove(connection);
                connection.Complete();
                connection.Dispose();
            }

            _writerStop.Dispose();
        }
    }

    /// <summary>Reads messages until the client closes (its status is echoed), the server decides to close, or the socket breaks (null).</summary>
    private async Task<Closing?> ReceiveAsync(string queryToken)
    {
        try
        {
            if (queryToken.Length > 0 && await AuthenticateAsync(queryToken) is { } refused)
            {
                return refused;
            }

            var buffer = new byte[options.MaxMessageBytes];
            while (true)
            {
                var (type, length) = await _io.ReadMessageAsync(buffer);
                if (type == WebSocketMessageType.Close)
                {
                    return new Closing((int?)socket.CloseStatus ?? CloseCodes.Normal, "", ByServer: false);
                }

                if (length < 0)
                {
                    return new Closing(CloseCodes.MessageTooBig, $"Messages are limited to {options.MaxMessageBytes} bytes.");
                }

                if (await HandleAsync(buffer.AsMemory(0, length)) is { } close)
                {
                    return close;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            return null;
        }
    }

    private async Task<Closing?> HandleAsync(ReadOnlyMemory<byte> utf8)
    {
        ClientMessage message;
        try
        {
            message = ClientMessage.Parse(utf8.Span);
        }
        catch (JsonException e)
        {
            return _connection is null ? Unauthenticated : Reply(ServerFrames.Error("Not a message: " + e.Message));
        }

        if (_connection is not { } connection)
        {
            if (message is not { Type: ClientMessage.Auth, Token.Length: > 0 })
            {
                return Unauthenticated;
            }

            Volatile.Write(ref _tokenReceived, true);
            return await AuthenticateAsync(message.Token);
        }

        try
        {
            return message.Type switch
            {
                ClientMessage.Subscribe => Reply(ServerFrames.Subscribed(connection.Subscribe(Patterns(message)))),
                ClientMessage.Unsubscribe => Reply(ServerFrames.Subscribed(connection.Unsubscribe(Patterns(message)))),
                ClientMessage.Auth => await RefreshAsync(connection, message.Token),
                ClientMessage.Ping => Reply(ServerFrames.Pong),
                _ => Reply(ServerFrames.Error($"Unknown message type '{message.Type}': use subscribe, unsubscribe, auth or ping.")),
            };
        }
        catch (ArgumentException e)
        {
            return Reply(ServerFrames.Error(e.Message));
        }
    }

    private static Closing Unauthenticated => new(CloseCodes.Unauthorized, "Authenticate first: {\"type\":\"auth\",\"token\":...}.");

    /// <exception cref="ArgumentException">No patterns, or one that is not a pattern.</exception>
    private static List<ChannelPattern> Patterns(ClientMessage message) =>
        message.Patterns is { Count: > 0 } texts
            ? [.. texts.Select(ChannelPattern.Parse)]
            : throw new ArgumentException("\"patterns\" must list at least one pattern, e.g. [\"task:*\"].");

    private Closing? Reply(byte[] frame)
    {
        _connection?.Offer(frame);
        return null;
    }

    private async Task<Closing?> AuthenticateAsync(string token)
    {
        var (user, expires, refusal) = await authenticator.AuthenticateAsync(http, token);
        if (user is null)
        {
            return refusal == CloseCodes.Forbidden
                ? new Closing(refusal, "The token's role is below viewer.")
                : new Closing(refusal, "The token is not valid.");
        }

        var connection = new ClientConnection(SubjectOf(user), options, metrics);
        if (!feed.TryAdd(connection, options.MaxConnectionsPerUser))
        {
            connection.Dispose();
            return new Closing(CloseCodes.TooManyConnections, $"This user already has {options.MaxConnectionsPerUser} connections here; close one first.");
        }

        connection.TooSlow.Register(() => RequestClose(new(CloseCodes.TooSlow, "The client stayed behind: its send buffer was full too long.")));
        _connection = connection;
        _expiry = new TokenExpiry(clock, () => RequestClose(new(CloseCodes.Unauthorized, "The token expired: send {\"type\":\"auth\",\"token\":...} with a fresh one before it does.")));
        _expiry.Until(expires);
        _writer = _io.WriteAsync(connection, _writerStop.Token);
        _idle = CloseWhenIdleAsync(_writerStop.Token);
        if (ApiKeySecret.TryParse(token, out _, out _))
        {
            _keyRecheck = RecheckApiKeyAsync(token, _writerStop.Token);
        }

        connection.Offer(ServerFrames.Authenticated(connection.Subject, expires));
        return null;
    }

    /// <summary>
    /// An API key is valid until its row says otherwise: read again every interval, like any request with it. A key
    /// that no longer passes closes the socket — also while PostgreSQL cannot be read, as a request with the key is
    /// refused then too.
    /// </summary>
    private async Task RecheckApiKeyAsync(string key, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.ApiKeyRecheckInterval, clock, stop);
                var (user, _, refusal) = await authenticator.AuthenticateAsync(http, key);
                if (user is null)
                {
                    RequestClose(new(refusal, refusal == CloseCodes.Forbidden
                        ? "The API key's role is below viewer now."
                        : "The API key was revoked, has expired or could not be checked."));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task CloseWhenIdleAsync(CancellationToken stop)
    {
        if (await _io.IdleForAsync(options.IdleTimeout, stop))
        {
            RequestClose(new(CloseCodes.Idle, $"Nothing was sent or received for {options.IdleTimeout}: send {{\"type\":\"ping\"}} to stay connected."));
        }
    }

    /// <summary>
    /// A fresh token for the same user, checked like the first, moves the socket's deadline to its expiry; one that
    /// does not pass is answered with an error and changes nothing (the socket still closes when the current one expires).
    /// </summary>
    private async Task<Closing?> RefreshAsync(ClientConnection connection, string? token)
    {
        if (token is not { Length: > 0 })
        {
            return Reply(ServerFrames.Error("\"auth\" needs a \"token\"."));
        }

        var (user, expires, refusal) = await authenticator.AuthenticateAsync(http, token);
        if (user is null)
        {
            return Reply(ServerFrames.Error(refusal == CloseCodes.Forbidden ? "The new token's role is below viewer." : "The new token is not valid."));
        }

        if (SubjectOf(user) != connection.Subject)
        {
            return Reply(ServerFrames.Error("The new token is another user's: a socket keeps the user it was opened by."));
        }

        _expiry!.Until(expires);
        return Reply(ServerFrames.Authenticated(connection.Subject, expires));
    }

    private static string SubjectOf(ClaimsPrincipal user) => user.Identity?.Name ?? user.FindFirst(PlatformClaims.Subject)?.Value ?? "";

    private void RequestClose(Closing closing) => _closeRequested.TrySetResult(closing);

    private async Task CloseOutputAsync(Closing close)
    {
        if (close.ByServer)
        {
            metrics.ClosedByServer(close.Code);
            LogClosed(close.Code, close.Reason);
        }

        await _io.CloseOutputAsync(close.Code, close.Reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing a WebSocket client with {Code}: {Reason}")]
    private partial void LogClosed(int code, string reason);

    private sealed record Closing(int Code, string Reason, bool ByServer = true);
}

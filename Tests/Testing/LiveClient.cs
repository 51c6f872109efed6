using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
namespace AgentLightning.Testing;

/// <summary>A client of the WebSocket service's live events over a real socket: sends JSON messages, reads frames, and sees how the server closed.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    public static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public WebSocketState State => _socket.State;

    /// <summary>How the server closed the socket, for a failing assertion's message.</summary>
    public string Closing => $"closed with {_socket.CloseStatus}: {_socket.CloseStatusDescription}";

    /// <summary>Connects to <paramref name="socketUri"/> (<c>ws://…/ws</c>) with the token (if any) as <c>?access_token=</c>.</summary>
    public static async Task<LiveClient> ConnectAsync(Uri socketUri, string? token = null)
    {
        var client = new LiveClient();
        var uri = token is null ? socketUri : new Uri(socketUri + "?access_token=" + Uri.EscapeDataString(token));
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        return client;
    }

    /// <summary>A client authenticated with <paramref name="token"/> (its "authenticated" frame read) and subscribed to <paramref name="patterns"/>.</summary>
    public static async Task<LiveClient> SubscribedAsync(Uri socketUri, string token, params string[] patterns)
    {
        var client = await ConnectAsync(socketUri, token);
        await client.ExpectAsync("authenticated");
        await client.SendAsync(new { type = "subscribe", patterns });
        await client.ExpectAsync("subscribed");
        return client;
    }

    /// <summary>Reads the next frame, which must be a control frame of <paramref name="type"/>.</summary>
    public async Task<JsonElement> ExpectAsync(string type)
    {
        var frame = await NextAsync();
        return Type(frame) == type ? frame!.Value : throw new InvalidOperationException($"Expected a \"{type}\" frame, got {frame?.GetRawText() ?? Closing}.");
    }

    public static string? Type(JsonElement? frame) =>
        frame is { } f && f.TryGetProperty("type", out var type) ? type.GetString() : null;

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next frame, or null once the server closed the socket (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonElement?> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? FrameTimeout);
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>The next event frame about <paramref name="aggregateId"/>, skipping control frames and other aggregates' events.</summary>
    public async Task<JsonElement> NextEventOfAsync(string aggregateId)
    {
        while (true)
        {
            var frame = await NextAsync() ?? throw new InvalidOperationException($"The server closed the socket ({CloseStatus}) before an event of {aggregateId}.");
            if (frame.TryGetProperty("aggregateId", out var id) && id.GetString() == aggregateId)
            {
                return frame;
            }
        }
    }

    /// <summary>Reads until the server closes; its close status, or null when the connection broke instead.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync()
    {
        try
        {
            while (await NextAsync() is not null)
            {
            }
        }
        catch (WebSocketException)
        {
            return null;
        }

        return CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server is gone or stopped reading: nothing to be polite to.
            }
        }

        _socket.Dispose();
    }
}

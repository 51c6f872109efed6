using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>
/// One WebSocket client subscribed to everything: it notes when each event frame arrived and which aggregate it was
/// about, finding the id in the frame's bytes (a JSON parse per frame per client would bill the harness, not the
/// service). The timestamps come from the harness's clock, the one the commits are timed with.
/// </summary>
internal sealed class LiveListener : IAsyncDisposable
{
    private static readonly byte[] AggregateIdMarker = Encoding.UTF8.GetBytes("\"aggregateId\":\"");

    private readonly ClientWebSocket _socket = new();
    private readonly List<(Guid Id, long At)> _received = [];
    private readonly Lock _lock = new();
    private Task _receiving = Task.CompletedTask;

    public static async Task<LiveListener> ConnectAsync(Uri socketUri, string token)
    {
        var listener = new LiveListener();
        await listener._socket.ConnectAsync(new Uri(socketUri + "?access_token=" + Uri.EscapeDataString(token)), CancellationToken.None);
        var buffer = new byte[4096];
        await listener.ExpectAsync(buffer, "authenticated");
        await listener._socket.SendAsync("""{"type":"subscribe","patterns":["*"]}"""u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        await listener.ExpectAsync(buffer, "subscribed");
        listener._receiving = listener.ReceiveAsync();
        return listener;
    }

    /// <summary>The frames received since the last call, which forgets them.</summary>
    public List<(Guid Id, long At)> Take()
    {
        lock (_lock)
        {
            var taken = new List<(Guid, long)>(_received);
            _received.Clear();
            return taken;
        }
    }

    /// <summary>Event frames received since the last <see cref="Take"/>.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _received.Count;
            }
        }
    }

    private async Task ExpectAsync(byte[] buffer, string type)
    {
        var received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
        var text = Encoding.UTF8.GetString(buffer, 0, received.Count);
        if (!text.Contains($"\"type\":\"{type}\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected a {type} frame, got {text} ({_socket.CloseStatus} {_socket.CloseStatusDescription}).");
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length = Math.Min(length + received.Count, buffer.Length - 1);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var at = Stopwatch.GetTimestamp();
                var frame = buffer.AsSpan(0, length);
                var marker = frame.IndexOf(AggregateIdMarker);
                if (marker >= 0 && Utf8Parser.TryParse(frame[(marker + AggregateIdMarker.Length)..], out Guid id, out _, 'D'))
                {
                    lock (_lock)
                    {
                        _received.Add((id, at));
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The service went away or the harness aborted the socket: missing frames show in the counts.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _receiving;
        _socket.Dispose();
    }
}

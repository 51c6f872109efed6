using System.Net.WebSockets;
using AgentLightning.WebSocket.Feed;
using Socket = System.Net.WebSockets.WebSocket;

namespace AgentLightning.WebSocket.Connections;

/// <summary>
/// A session's socket reads and writes: whole messages within a limit, the writer loop of one client, a close that
/// cannot hang, and when the connection falls idle. Traffic only stamps the time, so a busy connection costs no timer.
/// </summary>
internal sealed class SocketIo(Socket socket, FeedMetrics metrics, TimeSpan closeTimeout, TimeProvider clock)
{
    private long _lastMessage = clock.GetTimestamp();

    /// <summary>One whole message into <paramref name="buffer"/>; length -1 when it does not fit.</summary>
    public async Task<(WebSocketMessageType Type, int Length)> ReadMessageAsync(byte[] buffer)
    {
        var length = 0;
        while (length < buffer.Length)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            length += received.Count;
            if (received.MessageType == WebSocketMessageType.Close || received.EndOfMessage)
            {
                Stamp();
                return (received.MessageType, length);
            }
        }

        return (WebSocketMessageType.Text, -1);
    }

    /// <summary>Drains the client's buffer onto the socket; after the buffer empties, the count of frames dropped meanwhile.</summary>
    public async Task WriteAsync(ClientConnection connection, CancellationToken stop)
    {
        try
        {
            await foreach (var frame in connection.Frames.ReadAllAsync(stop))
            {
                await SendAsync(frame, stop);
                if (connection.TakeDroppedOnceCaughtUp() is > 0 and var dropped)
                {
                    await SendAsync(ServerFrames.Dropped(dropped), stop);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The socket broke or the session is closing: the receive loop or the close ends the session.
        }
    }

    /// <summary>
    /// Completes with true once no message went either way for <paramref name="timeout"/> (the protocol's pings and
    /// pongs are not messages), with false when stopped first. It waits until the last message plus the timeout, so a
    /// connection costs one wait per timeout, however busy it is.
    /// </summary>
    public async Task<bool> IdleForAsync(TimeSpan timeout, CancellationToken stop)
    {
        try
        {
            for (var quiet = Quiet; quiet < timeout; quiet = Quiet)
            {
                await Task.Delay(timeout - quiet, clock, stop);
            }

            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Sends the close frame if the socket can still take it within the close timeout; aborts it otherwise.</summary>
    public async Task CloseOutputAsync(int code, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(closeTimeout);
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // A client that does not read cannot take even the close frame.
            socket.Abort();
        }
    }

    private async Task SendAsync(byte[] frame, CancellationToken stop)
    {
        await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, stop);
        Stamp();
        metrics.Sent();
    }

    private TimeSpan Quiet => clock.GetElapsedTime(Volatile.Read(ref _lastMessage));

    private void Stamp() => Volatile.Write(ref _lastMessage, clock.GetTimestamp());
}

using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.Events;

namespace AgentLightning.WebSocket.Connections;

/// <summary>What the server writes: the event itself (<see cref="PlatformEvent"/>) or a small control frame with a <c>type</c>.</summary>
internal static class ServerFrames
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Event(PlatformEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, Json);

    /// <summary>After the first token and each fresh one: who, and when the socket closes unless another fresh token comes (null: never).</summary>
    public static byte[] Authenticated(string subject, DateTimeOffset? expiresAt) => Control(new { type = "authenticated", subject, expiresAt });

    public static byte[] Subscribed(IEnumerable<ChannelPattern> patterns) => Control(new { type = "subscribed", patterns = patterns.Select(p => p.Text) });

    public static byte[] Error(string message) => Control(new { type = "error", message });

    /// <summary>The answer to a client's ping; the same bytes for every client.</summary>
    public static byte[] Pong { get; } = Control(new { type = "pong" });

    public static byte[] Dropped(long count) => Control(new { type = "dropped", count });

    private static byte[] Control(object frame) => JsonSerializer.SerializeToUtf8Bytes(frame, Json);
}

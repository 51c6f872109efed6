using System.Text.Json;

namespace AgentLightning.WebSocket.Connections;

/// <summary>
/// What a client sends: <c>{"type":"auth","token":...}</c>, <c>{"type":"subscribe"|"unsubscribe","patterns":[...]}</c>,
/// <c>{"type":"ping"}</c> (answered with a pong; a message, so it keeps a quiet connection from being idle).
/// </summary>
internal sealed record ClientMessage(string? Type, string? Token, IReadOnlyList<string>? Patterns)
{
    public const string Auth = "auth";
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string Ping = "ping";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="JsonException">Not a JSON object of this shape.</exception>
    public static ClientMessage Parse(ReadOnlySpan<byte> utf8)
    {
        var message = JsonSerializer.Deserialize<ClientMessage>(utf8, Json);
        return message is { Type.Length: > 0 } ? message : throw new JsonException("A message is a JSON object with a \"type\".");
    }
}

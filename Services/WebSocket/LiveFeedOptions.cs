using System.ComponentModel.DataAnnotations;

namespace AgentLightning.WebSocket;

/// <summary>The limits of the live feed (section <c>WebSocket</c>): every client's memory and time are bounded.</summary>
public sealed class LiveFeedOptions
{
    public const string Section = "WebSocket";

    /// <summary>Frames waiting for one client; beyond it new frames for that client are dropped and counted.</summary>
    [Range(1, 100_000)]
    public int SendBufferFrames { get; set; } = 256;

    /// <summary>A client whose buffer stays full this long is closed (4408).</summary>
    public TimeSpan SlowClientTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Without <c>?access_token=</c>, the <c>auth</c> message must arrive within this time (else 4401).</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A socket opened with an API key reads the key again this often and closes (4401) once it is revoked or its
    /// role is below viewer; its expiry closes it on time regardless.
    /// </summary>
    public TimeSpan ApiKeyRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open connections of one user (token subject or API key) on this instance; one more is closed with 4429.</summary>
    [Range(1, 100_000)]
    public int MaxConnectionsPerUser { get; set; } = 100;

    /// <summary>
    /// A connection on which no message went either way this long is closed (4440); the protocol's own pings do not
    /// count, as a browser answers them by itself. Ten minutes: a quiet subscription stays open for one
    /// <c>{"type":"ping"}</c> every few minutes (a background tab's timers still run once a minute), while a tab or
    /// tool that was forgotten gives its socket, buffer and loops back within minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "WebSocket:IdleTimeout must be between 1 second and 1 day.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A larger client message closes the socket (1009).</summary>
    [Range(64, 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 4096;

    [Range(1, 1000)]
    public int MaxPatterns { get; set; } = 64;

    /// <summary>The server pings this often; a client that does not answer within <see cref="KeepAliveTimeout"/> is dropped.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a close frame may take to be written (and the client's to arrive) before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Aggregates whose last sent version is remembered (least recently used beyond that are forgotten).</summary>
    [Range(1, 10_000_000)]
    public int VersionMemory { get; set; } = 100_000;

    /// <summary>Events the feed's queue hands this instance at once.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 256;
}

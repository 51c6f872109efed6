using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.WebSocket.Feed;

/// <summary>The live feed's instruments on the platform meter (exported on /metrics), and this instance's totals.</summary>
public sealed class FeedMetrics
{
    public const string EventDelayInstrument = "websocket_event_delay";
    public const string FrameDelayInstrument = "websocket_frame_delay";

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _stale;
    private readonly Counter<long> _closed;
    private readonly Histogram<double> _eventDelay;
    private readonly Histogram<double> _frameDelay;
    private long _droppedTotal;
    private long _staleTotal;

    public FeedMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PlatformMetrics.MeterName);
        _connections = meter.CreateUpDownCounter<long>("websocket_connections", description: "Authenticated WebSocket clients connected to this instance.");
        _sent = meter.CreateCounter<long>("websocket_frames_sent", description: "Frames written to clients (events and control frames).");
        _dropped = meter.CreateCounter<long>("websocket_frames_dropped", description: "Frames dropped because the client's send buffer was full.");
        _stale = meter.CreateCounter<long>("websocket_stale_events_skipped", description: "Events not sent because a newer version of their aggregate was sent before.");
        _closed = meter.CreateCounter<long>("websocket_clients_closed", description: "Clients closed by the server, by close code.");
        _eventDelay = meter.CreateHistogram<double>(EventDelayInstrument, "s", "From an event's publish in its producer's transaction to its frame queued for this instance's clients.");
        _frameDelay = meter.CreateHistogram<double>(FrameDelayInstrument, "s", "From a frame queued for a client to its write on the client's socket completing.");
    }

    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public long StaleSkipped => Interlocked.Read(ref _staleTotal);

    public void Connected() => _connections.Add(1);

    public void Disconnected() => _connections.Add(-1);

    /// <summary>A frame written; <paramref name="queuedAt"/> is the <see cref="Stopwatch"/> timestamp it was queued at.</summary>
    public void Sent(long queuedAt)
    {
        _sent.Add(1);
        _frameDelay.Record(Stopwatch.GetElapsedTime(queuedAt).TotalSeconds);
    }

    /// <summary>
    /// The event's frame is in its clients' buffers. Both clocks are wall clocks: across machines the delay includes
    /// their skew, so it is clamped at zero.
    /// </summary>
    public void Queued(DateTime publishedUtc) => _eventDelay.Record(Math.Max(0, (DateTime.UtcNow - publishedUtc).TotalSeconds));

    public void DroppedFrame()
    {
        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1);
    }

    public void StaleSkippedEvent(string channel)
    {
        Interlocked.Increment(ref _staleTotal);
        _stale.Add(1, new KeyValuePair<string, object?>("channel", channel));
    }

    public void ClosedByServer(int code) => _closed.Add(1, new KeyValuePair<string, object?>("code", code));
}

using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.WebSocket.Feed;

/// <summary>The live feed's instruments on the platform meter (exported on /metrics), and this instance's totals.</summary>
public sealed class FeedMetrics
{
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _stale;
    private readonly Counter<long> _closed;
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
    }

    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public long StaleSkipped => Interlocked.Read(ref _staleTotal);

    public void Connected() => _connections.Add(1);

    public void Disconnected() => _connections.Add(-1);

    public void Sent() => _sent.Add(1);

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

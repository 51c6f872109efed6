using System.Diagnostics.Metrics;

namespace AgentLightning.Infrastructure.Hosting.Telemetry;

/// <summary>
/// The seed's platform metrics, exported on /metrics. Names follow Prometheus conventions once exported
/// (the exporter appends the unit and the _total suffix).
/// </summary>
public sealed class PlatformMetrics : IDisposable
{
    public const string MeterName = "AgentLightning";

    private readonly Meter _meter;
    private readonly Histogram<double> _dataLatency;
    private readonly Histogram<double> _transactionDuration;
    private readonly Counter<long> _eventsPublished;
    private readonly Counter<long> _eventsFailed;
    private readonly UpDownCounter<long> _connectionsActive;
    private long _cacheHits;
    private long _cacheMisses;

    public PlatformMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _dataLatency = _meter.CreateHistogram<double>("service_data_latency", "s", "Latency of a data access, by entity, operation and source.");
        _transactionDuration = _meter.CreateHistogram<double>("transaction_duration", "s", "Duration of a committed unit of work.");
        _eventsPublished = _meter.CreateCounter<long>("events_published", description: "Messages confirmed by the broker.");
        _eventsFailed = _meter.CreateCounter<long>("events_failed", description: "Messages that failed to publish or to be consumed.");
        _connectionsActive = _meter.CreateUpDownCounter<long>("database_connections_active", description: "Open PostgreSQL connections of this process.");
        _meter.CreateObservableGauge("cache_hit_ratio", ObserveCacheHitRatio, description: "Cache hits over all cache lookups since start.");
    }

    public void RecordDataLatency(string entity, string operation, string source, TimeSpan elapsed) =>
        _dataLatency.Record(elapsed.TotalSeconds,
            new("entity", entity), new("operation", operation), new("source", source));

    public void RecordTransaction(TimeSpan elapsed) => _transactionDuration.Record(elapsed.TotalSeconds);

    public void EventPublished(string messageType) => _eventsPublished.Add(1, new KeyValuePair<string, object?>("message_type", messageType));

    public void EventFailed(string messageType) => _eventsFailed.Add(1, new KeyValuePair<string, object?>("message_type", messageType));

    public void ConnectionOpened() => _connectionsActive.Add(1);

    public void ConnectionClosed() => _connectionsActive.Add(-1);

    public void CacheHit() => Interlocked.Increment(ref _cacheHits);

    public void CacheMiss() => Interlocked.Increment(ref _cacheMisses);

    private double ObserveCacheHitRatio()
    {
        var hits = Interlocked.Read(ref _cacheHits);
        var total = hits + Interlocked.Read(ref _cacheMisses);
        return total == 0 ? 0 : (double)hits / total;
    }

    public void Dispose() => _meter.Dispose();
}

using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// Counts where the repositories served reads from (the "source" tag of service_data_latency), so a case
/// proves it measured what it claims: all from Redis, or all from PostgreSQL.
/// </summary>
internal sealed class DataSourceCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _cache;
    private long _database;

    public DataSourceCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Name: "service_data_latency", Meter.Name: PlatformMetrics.MeterName })
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.Start();
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _cache, 0);
        Interlocked.Exchange(ref _database, 0);
    }

    public string Describe()
    {
        var (cache, database) = (Interlocked.Read(ref _cache), Interlocked.Read(ref _database));
        return cache + database == 0 ? "no reads seen" : $"served {100.0 * cache / (cache + database):F1}% from Redis";
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != "source")
            {
                continue;
            }

            if (tag.Value is "cache")
            {
                Interlocked.Increment(ref _cache);
            }
            else
            {
                Interlocked.Increment(ref _database);
            }
        }
    }
}

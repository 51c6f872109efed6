using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// Counts where the repositories served reads from (the "source" tag of service_data_latency) and the SQL
/// commands Npgsql ran, so a case proves it measured what it claims: all from Redis, or all from PostgreSQL,
/// and how many reads shared one query.
/// </summary>
internal sealed class DataSourceCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _cache;
    private long _database;
    private long _commands;

    public DataSourceCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Name: "service_data_latency", Meter.Name: PlatformMetrics.MeterName }
                or { Name: "db.client.operation.duration", Meter.Name: "Npgsql" })
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
        Interlocked.Exchange(ref _commands, 0);
    }

    public string Describe()
    {
        var (cache, database) = (Interlocked.Read(ref _cache), Interlocked.Read(ref _database));
        var reads = Math.Max(1, cache + database);
        return $"{100.0 * cache / reads:F1}% from Redis, {(double)Interlocked.Read(ref _commands) / reads:F3} SQL commands/read";
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Meter.Name == "Npgsql")
        {
            Interlocked.Increment(ref _commands);
            return;
        }

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

using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.Testing;

/// <summary>Sums what one counter of the platform meter counts in this process (every host) for measurements with a matching tag.</summary>
public sealed class PlatformCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _counted;

    public PlatformCounter(string instrumentName, Func<KeyValuePair<string, object?>, bool> matches)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (matches(tag))
                {
                    Interlocked.Add(ref _counted, value);
                    return;
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _counted);

    /// <summary><c>events_failed</c> for message types whose tag contains <paramref name="messageType"/>.</summary>
    public static PlatformCounter EventsFailed(string messageType) =>
        new("events_failed", tag => tag is { Key: "message_type", Value: string type } && type.Contains(messageType, StringComparison.Ordinal));

    public void Dispose() => _listener.Dispose();
}

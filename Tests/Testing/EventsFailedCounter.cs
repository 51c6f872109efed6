using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.Testing;

/// <summary>Sums what <c>events_failed</c> counts in this process for message types whose tag contains a text.</summary>
public sealed class EventsFailedCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _counted;

    public EventsFailedCounter(string messageType)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name == "events_failed")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "message_type", Value: string type } && type.Contains(messageType, StringComparison.Ordinal))
                {
                    Interlocked.Add(ref _counted, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _counted);

    public void Dispose() => _listener.Dispose();
}

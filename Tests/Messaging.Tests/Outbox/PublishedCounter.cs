using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>Counts events_published per host (each host has its own IMeterFactory, the meter's scope).</summary>
public sealed class PublishedCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<object, long> _byScope = new();

    public PublishedCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name == "events_published")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            _byScope.AddOrUpdate(instrument.Meter.Scope ?? instrument.Meter, value, (_, n) => n + value));
        _listener.Start();
    }

    public long For(IMeterFactory factory) => _byScope.TryGetValue(factory, out var n) ? n : 0;

    public void Dispose() => _listener.Dispose();
}

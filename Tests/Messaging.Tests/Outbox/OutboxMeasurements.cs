using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>What the delivery rounds of every host in this process measured while it listens (OutboxDeliveryMetrics).</summary>
internal sealed class OutboxMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentBag<string> _phases = [];
    private readonly ConcurrentBag<double> _delays = [];
    private long _claimedRounds;

    public OutboxMeasurements()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PlatformMetrics.MeterName && instrument.Name.StartsWith("outbox_", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == OutboxDeliveryMetrics.DelayInstrument)
            {
                _delays.Add(value);
            }
            else if (MeasurementTags.Value(tags, "phase") is { } phase)
            {
                _phases.Add(phase);
            }
        });
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (MeasurementTags.Value(tags, "claimed") == "some")
            {
                Interlocked.Add(ref _claimedRounds, value);
            }
        });
        _listener.Start();
    }

    public IReadOnlyCollection<string> Phases => [.. _phases.Distinct()];

    public IReadOnlyCollection<double> Delays => [.. _delays];

    public long ClaimedRounds => Interlocked.Read(ref _claimedRounds);

    public bool Has(string phase) => _phases.Contains(phase);

    public void Dispose() => _listener.Dispose();
}

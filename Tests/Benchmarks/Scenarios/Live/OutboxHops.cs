using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Testing;

namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>
/// The producer's side of the path, exactly (every measurement, not buckets): the delivery rounds of the outbox in this
/// process, each phase of a round that claimed something, each message's publish-to-confirm delay, and the SQL commands
/// Npgsql ran in this process (the producers' commits and the delivery rounds).
/// </summary>
internal sealed class OutboxHops : IDisposable
{
    public static readonly string[] Phases = ["claim", "record", "send", "settle", "commit"];

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private Dictionary<string, LatencyRecorder> _phases = NewPhases();
    private LatencyRecorder _delay = new();
    private long _rounds;
    private long _emptyRounds;
    private long _sql;

    public OutboxHops()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Meter.Name: PlatformMetrics.MeterName, Name: OutboxDeliveryMetrics.RoundsInstrument or OutboxDeliveryMetrics.PhaseInstrument
                    or OutboxDeliveryMetrics.DelayInstrument }
                or { Meter.Name: "Npgsql", Name: "db.client.operation.duration" })
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.SetMeasurementEventCallback<long>(OnRound);
        _listener.Start();
    }

    /// <summary>What was measured since the last call, which starts afresh.</summary>
    public Snapshot Take()
    {
        lock (_lock)
        {
            var taken = new Snapshot(_phases, _delay, _rounds, _emptyRounds, _sql);
            (_phases, _delay, _rounds, _emptyRounds, _sql) = (NewPhases(), new LatencyRecorder(), 0, 0, 0);
            return taken;
        }
    }

    public void Dispose() => _listener.Dispose();

    private static Dictionary<string, LatencyRecorder> NewPhases() => Phases.ToDictionary(p => p, _ => new LatencyRecorder());

    private void OnDuration(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var phase = instrument.Name == OutboxDeliveryMetrics.PhaseInstrument ? MeasurementTags.Value(tags, "phase") : null;
        lock (_lock)
        {
            if (instrument.Meter.Name == "Npgsql")
            {
                _sql++;
            }
            else if (phase is not null)
            {
                _phases[phase].RecordSeconds(value);
            }
            else
            {
                _delay.RecordSeconds(value);
            }
        }
    }

    private void OnRound(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var empty = MeasurementTags.Value(tags, "claimed") == "none";
        lock (_lock)
        {
            _rounds += value;
            _emptyRounds += empty ? value : 0;
        }
    }

    public sealed record Snapshot(IReadOnlyDictionary<string, LatencyRecorder> Phases, LatencyRecorder Delay, long Rounds, long EmptyRounds, long Sql);
}

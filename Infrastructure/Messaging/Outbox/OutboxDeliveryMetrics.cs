using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Where a message's time goes between its commit and the broker (exported on /metrics): each delivery round's
/// phases, rounds that found nothing to claim (a wake-up or poll spent for nothing), and a message's whole delay
/// from its publish inside the producer's transaction to the broker's confirm.
/// </summary>
public sealed class OutboxDeliveryMetrics
{
    public const string RoundsInstrument = "outbox_delivery_rounds";
    public const string PhaseInstrument = "outbox_round_phase_duration";
    public const string DelayInstrument = "outbox_delivery_delay";

    private readonly Counter<long> _rounds;
    private readonly Histogram<double> _phase;
    private readonly Histogram<double> _delay;

    public OutboxDeliveryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PlatformMetrics.MeterName);
        _rounds = meter.CreateCounter<long>(RoundsInstrument, description: "Delivery rounds, by whether the claim found outboxes (claimed=some) or not (none).");
        _phase = meter.CreateHistogram<double>(PhaseInstrument, "s", "Duration of each phase of a delivery round that claimed outboxes: claim, record, send, settle, commit.");
        _delay = meter.CreateHistogram<double>(DelayInstrument, "s", "From a message's publish in its producer's transaction to the broker's confirm of its delivery.");
    }

    public void Round(bool claimed) => _rounds.Add(1, new KeyValuePair<string, object?>("claimed", claimed ? "some" : "none"));

    /// <summary>Records the phase that began at <paramref name="since"/> and returns now, the next phase's start.</summary>
    public long Phase(string phase, long since)
    {
        var now = Stopwatch.GetTimestamp();
        _phase.Record(Stopwatch.GetElapsedTime(since, now).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
        return now;
    }

    public void Confirmed(DateTime publishedUtc) => _delay.Record(Math.Max(0, (DateTime.UtcNow - publishedUtc).TotalSeconds));
}

using System.Diagnostics.Metrics;
using AgentLightning.Infrastructure.Hosting.Telemetry;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>The scheduler's counters on the platform meter (exported on /metrics), and this instance's totals.</summary>
public sealed class SchedulerMetrics
{
    private readonly Counter<long> _scheduled;
    private readonly Counter<long> _dispatched;
    private readonly Counter<long> _failed;
    private long _dispatchedTotal;

    public SchedulerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PlatformMetrics.MeterName);
        _scheduled = meter.CreateCounter<long>("scheduler_messages_scheduled", description: "Messages written to scheduled_messages.");
        _dispatched = meter.CreateCounter<long>("scheduler_messages_dispatched", description: "Scheduled messages confirmed by the broker and removed.");
        _failed = meter.CreateCounter<long>("scheduler_send_failures", description: "Sends of due messages that failed and were put back with a backoff.");
    }

    /// <summary>Scheduled messages this instance has sent since it started.</summary>
    public long Dispatched => Interlocked.Read(ref _dispatchedTotal);

    public void RecordScheduled() => _scheduled.Add(1);

    public void RecordDispatched(int count)
    {
        Interlocked.Add(ref _dispatchedTotal, count);
        _dispatched.Add(count);
    }

    public void RecordSendFailures(int count) => _failed.Add(count);
}

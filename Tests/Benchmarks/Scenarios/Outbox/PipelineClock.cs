using System.Collections.Concurrent;
using System.Diagnostics;

namespace AgentLightning.Benchmarks.Scenarios.Outbox;

/// <summary>Commit and consume timestamps per item, in one process, so one clock.</summary>
public sealed class PipelineClock
{
    private readonly ConcurrentDictionary<Guid, long> _committed = new();
    private readonly ConcurrentDictionary<Guid, long> _consumed = new();
    private long _duplicates;

    public int ConsumedCount => _consumed.Count;

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Committed(Guid id) => Committed(id, Stopwatch.GetTimestamp());

    /// <summary>For an item whose id is known only after it started, e.g. from the answer to the request that made it.</summary>
    public void Committed(Guid id, long timestamp) => _committed[id] = timestamp;

    public void Consumed(Guid id)
    {
        if (!_consumed.TryAdd(id, Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    /// <summary>Commit-to-consume latencies of the given items, and the last consume time.</summary>
    public (LatencyRecorder Latencies, long LastConsumed) Measure(IEnumerable<Guid> ids)
    {
        var recorder = new LatencyRecorder();
        long last = 0;
        foreach (var id in ids)
        {
            if (_committed.TryGetValue(id, out var committed) && _consumed.TryGetValue(id, out var consumed))
            {
                recorder.Record(committed, consumed);
                last = Math.Max(last, consumed);
            }
        }

        return (recorder, last);
    }
}

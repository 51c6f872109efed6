using System.Diagnostics;

namespace AgentLightning.Benchmarks;

/// <summary>
/// Closed-loop load: each caller starts its next call as soon as the previous one ends, so throughput is
/// what the system sustains at that concurrency and latency is not inflated by a queue in the harness.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        string name, BenchmarkArgs args, Func<Task> call, Func<Task>? beforeMeasuring = null, int? callers = null)
    {
        await RunPhaseAsync(callers ?? args.Callers, args.Warmup, call);
        if (beforeMeasuring is not null)
        {
            await beforeMeasuring();
        }

        var runtime = RuntimeCounters.Now();
        var started = Stopwatch.GetTimestamp();
        var recorders = await RunPhaseAsync(callers ?? args.Callers, args.Duration, call);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadResult(name, LatencyRecorder.Merge(recorders), elapsed, RuntimeCounters.Now().Since(runtime));
    }

    private static async Task<LatencyRecorder[]> RunPhaseAsync(int callers, TimeSpan length, Func<Task> call)
    {
        var recorders = Enumerable.Range(0, callers).Select(_ => new LatencyRecorder()).ToArray();
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(recorders.Select(recorder => Task.Run(async () =>
        {
            for (var start = Stopwatch.GetTimestamp(); start < end; start = Stopwatch.GetTimestamp())
            {
                try
                {
                    await call();
                    recorder.Record(start, Stopwatch.GetTimestamp());
                }
                catch (Exception e)
                {
                    recorder.RecordError(e);
                }
            }
        })));
        return recorders;
    }
}

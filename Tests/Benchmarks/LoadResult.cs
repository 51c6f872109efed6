namespace AgentLightning.Benchmarks;

/// <summary>One case's measured phase; <see cref="Note"/> is whatever the scenario wants in the last column.</summary>
public sealed record LoadResult(string Case, LatencyRecorder Latencies, TimeSpan Elapsed, RuntimeCounters Runtime)
{
    public string Note { get; set; } = "";

    public double OpsPerSecond => Latencies.Count / Elapsed.TotalSeconds;

    public double Milliseconds(double quantile) => Latencies.Percentile(quantile) / 1000.0;

    public double MaxMilliseconds => Latencies.MaxMicroseconds / 1000.0;

    public double KilobytesPerOp => Runtime.AllocatedBytes / 1024.0 / Math.Max(1, Latencies.Count);
}

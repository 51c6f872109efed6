namespace AgentLightning.Benchmarks;

/// <summary>
/// What this process's runtime did during a phase: allocations, collections, GC pauses and lock contention
/// explain tail latency that the servers do not.
/// </summary>
public readonly record struct RuntimeCounters(
    long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long LockContentions, CpuTicks Cpu, long JitCompiled)
{
    public static RuntimeCounters Now() => new(
        GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration(), Monitor.LockContentionCount, CpuTicks.Now(), System.Runtime.JitInfo.GetCompiledMethodCount());

    public RuntimeCounters Since(RuntimeCounters before) => new(
        AllocatedBytes - before.AllocatedBytes, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2,
        GcPause - before.GcPause, LockContentions - before.LockContentions, Cpu.Since(before.Cpu), JitCompiled - before.JitCompiled);

    /// <summary>Cores kept busy by this process over <paramref name="elapsed"/>.</summary>
    public double ProcessCores(TimeSpan elapsed) => Cpu.ProcessCores(elapsed);

    /// <summary>Cores kept busy by everything: this process, the servers and anything else running.</summary>
    public double MachineCores => Cpu.MachineCores;
}

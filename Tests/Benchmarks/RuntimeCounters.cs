using System.Diagnostics;
using System.Globalization;

namespace AgentLightning.Benchmarks;

/// <summary>
/// What this process and the machine did during a phase: allocations, collections, GC pauses, lock
/// contention and CPU explain tail latency that the servers do not, and show when something else (another
/// build on a shared machine) took the cores.
/// </summary>
public readonly record struct RuntimeCounters(
    long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long LockContentions,
    TimeSpan ProcessCpu, long MachineBusyTicks, long MachineTotalTicks)
{
    public static RuntimeCounters Now()
    {
        var (busy, total) = MachineTicks();
        using var process = Process.GetCurrentProcess();
        return new(
            GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration(), Monitor.LockContentionCount, process.TotalProcessorTime, busy, total);
    }

    public RuntimeCounters Since(RuntimeCounters before) => new(
        AllocatedBytes - before.AllocatedBytes, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2,
        GcPause - before.GcPause, LockContentions - before.LockContentions, ProcessCpu - before.ProcessCpu,
        MachineBusyTicks - before.MachineBusyTicks, MachineTotalTicks - before.MachineTotalTicks);

    /// <summary>Cores kept busy by this process over <paramref name="elapsed"/>.</summary>
    public double ProcessCores(TimeSpan elapsed) => ProcessCpu / elapsed;

    /// <summary>Cores kept busy by everything: this process, the servers and anything else running.</summary>
    public double MachineCores => MachineTotalTicks == 0 ? 0 : Environment.ProcessorCount * (double)MachineBusyTicks / MachineTotalTicks;

    private static (long Busy, long Total) MachineTicks()
    {
        // First line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using AgentLightning.Benchmarks.Scenarios.Outbox;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// The outbox pipeline end to end: producers commit a row plus an event per transaction, a consumer applies
/// each event once in its own transaction. Flat out first, then at a fixed offered rate.
/// </summary>
public sealed class OutboxScenario : IScenario
{
    private const double TargetThroughput = 1_000;
    private const double TargetP50 = 10;
    private const double TargetP99 = 50;

    public string Name => "outbox";

    public string Description => "bus outbox -> RabbitMQ -> consumer outbox/inbox, flat out and at a fixed rate";

    public IReadOnlyDictionary<string, int> Options { get; } = new Dictionary<string, int>
    {
        ["messages"] = 20_000,
        ["producers"] = 16,
        ["rate"] = 500,
        ["warmup-messages"] = 10_000,
        ["paced-seconds"] = 20,
    };

    public async Task RunAsync(BenchmarkArgs args)
    {
        int messages = args["messages"], producers = args["producers"], rate = args["rate"], pacedCount = rate * args["paced-seconds"];
        Console.WriteLine($"scenario:   outbox, {messages} messages flat out by {producers} producers, then {pacedCount} at {rate}/s");
        await using var pipeline = await OutboxPipeline.StartAsync();
        CpuTicks.Databases.Add(pipeline.Database.Name);
        // Tiered compilation keeps recompiling the hot paths of MassTransit and EF Core for thousands of messages
        // (0.6 methods per message after 500): a short warm-up would bill the JIT to the measured phase.
        var total = args["warmup-messages"];
        await RunFlatOutAsync(pipeline, total, producers);
        await pipeline.WaitUntilConsumedAsync(total, TimeSpan.FromMinutes(5));

        var runtime = RuntimeCounters.Now();
        var started = Stopwatch.GetTimestamp();
        var (flatIds, commits) = await RunFlatOutAsync(pipeline, messages, producers);
        var producerSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await pipeline.WaitUntilConsumedAsync(total += messages, TimeSpan.FromMinutes(10));
        var (flat, lastConsumed) = pipeline.Clock.Measure(flatIds);
        var endToEnd = messages / Stopwatch.GetElapsedTime(started, lastConsumed).TotalSeconds;
        var flatRuntime = RuntimeCounters.Now().Since(runtime);
        var flatElapsed = Stopwatch.GetElapsedTime(started);

        var pacedIds = await RunPacedAsync(pipeline, pacedCount, rate, producers);
        await pipeline.WaitUntilConsumedAsync(total += pacedCount, TimeSpan.FromMinutes(5));
        var (paced, _) = pipeline.Clock.Measure(pacedIds);

        var applied = await pipeline.Database.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE status = 'completed'");
        var inbox = await pipeline.Database.ScalarAsync<long>("SELECT count(*) FROM inbox_state");
        Console.WriteLine();
        Console.WriteLine($"producer commits/s (flat out):      {messages / producerSeconds,8:F0}   (commit p50 {Ms(commits, 0.5):F2} ms, p99 {Ms(commits, 0.99):F2} ms)");
        Console.WriteLine($"end to end msgs/s (flat out):       {endToEnd,8:F0}   (first commit to last consumed)");
        Console.WriteLine($"commit-to-consume, flat out:        p50 {Ms(flat, 0.5),7:F2}  p95 {Ms(flat, 0.95),7:F2}  p99 {Ms(flat, 0.99),7:F2}  max {flat.MaxMicroseconds / 1000.0,7:F2} ms");
        Console.WriteLine($"commit-to-consume, {rate}/s offered:  p50 {Ms(paced, 0.5),7:F2}  p95 {Ms(paced, 0.95),7:F2}  p99 {Ms(paced, 0.99),7:F2}  max {paced.MaxMicroseconds / 1000.0,7:F2} ms");
        Console.WriteLine($"harness process (flat out):         {flatRuntime.ProcessCores(flatElapsed):F2} cores, machine {flatRuntime.MachineCores:F2} of {Environment.ProcessorCount}, GC pause {flatRuntime.GcPause.TotalMilliseconds:F0} ms, {flatRuntime.AllocatedBytes / 1024.0 / messages:F0} KB allocated and {(double)flatRuntime.JitCompiled / messages:F2} methods compiled per message");
        Console.WriteLine($"CPU per message (flat out):         {CpuPerMessage(flatRuntime.Cpu.Process, messages),8:F0} µs harness, {CpuPerMessage(flatRuntime.Cpu.ServerTime, messages):F0} µs servers (PostgreSQL, RabbitMQ)");
        Console.WriteLine($"peak RSS of the harness process:    {PeakRssMegabytes(),8:F0} MB");
        Console.WriteLine($"applied once:                       {applied} rows applied, {inbox} inbox rows, {pipeline.Clock.Duplicates} duplicate consumes, {total} committed");
        Console.WriteLine();
        ResultTable.Target(applied == total && inbox == total && pipeline.Clock.Duplicates == 0, "every message applied exactly once", $"{applied}/{total}");
        ResultTable.Target(endToEnd >= TargetThroughput, $"end to end >= {TargetThroughput} msgs/s flat out", $"{endToEnd:F0} msgs/s");
        ResultTable.Target(Ms(paced, 0.5) < TargetP50, $"p50 < {TargetP50} ms at {rate}/s", $"{Ms(paced, 0.5):F2} ms");
        ResultTable.Target(Ms(paced, 0.99) < TargetP99, $"p99 < {TargetP99} ms at {rate}/s", $"{Ms(paced, 0.99):F2} ms");
    }

    private static async Task<(List<Guid> Ids, LatencyRecorder Commits)> RunFlatOutAsync(OutboxPipeline pipeline, int count, int producers)
    {
        var ids = new ConcurrentBag<Guid>();
        var recorders = Enumerable.Range(0, producers).Select(_ => new LatencyRecorder()).ToArray();
        var next = 0;
        await Task.WhenAll(recorders.Select(recorder => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var start = Stopwatch.GetTimestamp();
                ids.Add(await pipeline.CommitOneAsync());
                recorder.Record(start, Stopwatch.GetTimestamp());
            }
        })));
        return ([.. ids], LatencyRecorder.Merge(recorders));
    }

    /// <summary>Item k is committed at start + k/rate (open loop), whichever producer is free takes it.</summary>
    private static async Task<List<Guid>> RunPacedAsync(OutboxPipeline pipeline, int count, int rate, int producers)
    {
        var ids = new ConcurrentBag<Guid>();
        var start = Stopwatch.GetTimestamp();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            for (var k = Interlocked.Increment(ref next); k < count; k = Interlocked.Increment(ref next))
            {
                var due = start + (long)((double)k / rate * Stopwatch.Frequency);
                var wait = TimeSpan.FromSeconds((double)(due - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                ids.Add(await pipeline.CommitOneAsync());
            }
        })));
        return [.. ids];
    }

    /// <summary>Cost rather than speed: it holds when other work on the machine slows the run down.</summary>
    private static double CpuPerMessage(TimeSpan cpu, int messages) => cpu.TotalMicroseconds / messages;

    private static double Ms(LatencyRecorder recorder, double quantile) => recorder.Percentile(quantile) / 1000.0;

    private static double PeakRssMegabytes() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
}

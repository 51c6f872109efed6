namespace AgentLightning.Benchmarks;

internal static class ResultTable
{
    /// <summary>More CPU than this taken by processes other than the harness and the servers skews a case.</summary>
    private const double OtherCoresTolerated = 0.25;

    public static void Print(IEnumerable<LoadResult> results)
    {
        Console.WriteLine();
        Console.WriteLine($"| {"case",-16} | {"ops",9} | {"ops/s",9} | {"p50 ms",8} | {"p90 ms",8} | {"p99 ms",8} | {"max ms",8} | {"errors",6} | note");
        Console.WriteLine($"|{new string('-', 18)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 8)}|------");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Case,-16} | {r.Latencies.Count,9} | {r.OpsPerSecond,9:F0} | {r.Milliseconds(0.50),8:F3} | "
                + $"{r.Milliseconds(0.90),8:F3} | {r.Milliseconds(0.99),8:F3} | {r.MaxMilliseconds,8:F3} | {r.Latencies.Errors,6} | {r.Note}");
        }

        Console.WriteLine();
        Console.WriteLine($"| {"case (this process)",-19} | {"KB alloc/op",11} | {"GCs 0/1/2",11} | {"GC pause ms",11} | {"lock waits",10} | cores busy: harness / servers / other");
        Console.WriteLine($"|{new string('-', 21)}|{new string('-', 13)}|{new string('-', 13)}|{new string('-', 13)}|{new string('-', 12)}|------");
        foreach (var r in results)
        {
            var gc = r.Runtime;
            Console.WriteLine($"| {r.Case,-19} | {r.KilobytesPerOp,11:F1} | {$"{gc.Gen0}/{gc.Gen1}/{gc.Gen2}",11} | "
                + $"{gc.GcPause.TotalMilliseconds,11:F0} | {gc.LockContentions,10} | {gc.Cpu.ProcessCores(r.Elapsed):F2} / {gc.Cpu.ServerCores:F2} / {gc.Cpu.OtherCores(r.Elapsed):F2} of {Environment.ProcessorCount}");
        }

        foreach (var r in results.Where(r => r.Runtime.Cpu.OtherCores(r.Elapsed) > OtherCoresTolerated))
        {
            Console.WriteLine($"skewed: other processes took {r.Runtime.Cpu.OtherCores(r.Elapsed):F2} cores during '{r.Case}'; run again on a quiet machine");
        }

        foreach (var r in results.Where(r => r.Latencies.FirstError is not null))
        {
            Console.WriteLine($"first error in '{r.Case}': {r.Latencies.FirstError}");
        }

        Console.WriteLine();
    }

    /// <summary>Prints a target's verdict; the harness reports, it never fails a run.</summary>
    public static void Target(bool met, string target, string measured) =>
        Console.WriteLine($"{(met ? "PASS" : "FAIL")}  {target}: {measured}");
}

using System.Globalization;
using System.Net.Http.Headers;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Benchmarks.Scenarios.Tasks;

/// <summary>
/// What each service process spent, by count rather than latency (latency is noise on a shared machine): its CPU
/// time from /proc, and from its own /metrics the SQL commands Npgsql ran, the messages MassTransit sent and
/// consumed, the bytes its runtime allocated and the exceptions it threw (a lost race costs one). A snapshot per process; the difference of two is a phase's cost.
/// </summary>
public sealed record ServiceCosts(
    string Service, TimeSpan Cpu, double Sql, double Sent, double Consumed, double AllocatedBytes, double Exceptions, double Collections, double GcPauseSeconds)
{
    /// <summary>Prometheus families summed over all their series (every tag combination).</summary>
    private const string SqlFamily = "db_client_operation_duration_seconds_count";
    private const string SentFamily = "messaging_masstransit_send_ea_total";
    private const string ConsumedFamily = "messaging_masstransit_consume_ea_total";
    private const string AllocatedFamily = "dotnet_gc_heap_total_allocated_bytes_total";
    private const string ExceptionsFamily = "dotnet_exceptions_total";
    private const string CollectionsFamily = "dotnet_gc_collections_total";
    private const string GcPauseFamily = "dotnet_gc_pause_time_seconds_total";

    /// <summary>/metrics needs a viewer's token.</summary>
    public static async Task<IReadOnlyList<ServiceCosts>> ReadAsync(IEnumerable<ServiceProcess> processes, AuthenticationHeaderValue token) =>
        await Task.WhenAll(processes.Select(p => ReadAsync(p, token)));

    public ServiceCosts Since(ServiceCosts before) => new(
        Service, Cpu - before.Cpu, Sql - before.Sql, Sent - before.Sent, Consumed - before.Consumed, AllocatedBytes - before.AllocatedBytes,
        Exceptions - before.Exceptions, Collections - before.Collections, GcPauseSeconds - before.GcPauseSeconds);

    /// <summary>One line per service and a total, each count divided by <paramref name="units"/> (tasks, or seconds when idle).</summary>
    public static void Print(string title, IReadOnlyList<ServiceCosts> before, IReadOnlyList<ServiceCosts> after, double units, string unit)
    {
        Console.WriteLine();
        Console.WriteLine($"{title} (per {unit}):");
        Console.WriteLine($"  {"service",-22} {"CPU ms",9} {"SQL",8} {"sent",7} {"consumed",9} {"alloc KB",9} {"exceptions",10} {"GCs",8} {"GC pause ms",11}");
        var deltas = after.Zip(before, (a, b) => a.Since(b)).ToList();
        var total = deltas.Aggregate(new ServiceCosts("total", TimeSpan.Zero, 0, 0, 0, 0, 0, 0, 0), (sum, d) => new(
            "total", sum.Cpu + d.Cpu, sum.Sql + d.Sql, sum.Sent + d.Sent, sum.Consumed + d.Consumed, sum.AllocatedBytes + d.AllocatedBytes,
            sum.Exceptions + d.Exceptions, sum.Collections + d.Collections, sum.GcPauseSeconds + d.GcPauseSeconds));
        foreach (var d in deltas.Append(total))
        {
            Console.WriteLine($"  {d.Service,-22} {d.Cpu.TotalMilliseconds / units,9:F2} {d.Sql / units,8:F2} {d.Sent / units,7:F2} "
                + $"{d.Consumed / units,9:F2} {d.AllocatedBytes / 1024 / units,9:F1} {d.Exceptions / units,10:F2} "
                + $"{d.Collections / units,8:F3} {d.GcPauseSeconds * 1000 / units,11:F3}");
        }
    }

    private static async Task<ServiceCosts> ReadAsync(ServiceProcess process, AuthenticationHeaderValue token)
    {
        var cpu = CpuTime(process.ProcessId);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = token } };
        using var response = await process.Client.SendAsync(request);
        var metrics = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        if (Environment.GetEnvironmentVariable("BENCH_METRICS_DIR") is { Length: > 0 } directory)
        {
            // Every family of the last snapshot, to look further than the columns.
            await File.WriteAllTextAsync(Path.Combine(directory, $"metrics-{process.Service}.txt"), metrics);
        }

        return new(process.Service, cpu, Sum(metrics, SqlFamily), Sum(metrics, SentFamily), Sum(metrics, ConsumedFamily), Sum(metrics, AllocatedFamily),
            Sum(metrics, ExceptionsFamily), Sum(metrics, CollectionsFamily), Sum(metrics, GcPauseFamily));
    }

    /// <summary>utime + stime of the process (fields 14 and 15 of /proc/pid/stat, in 1/100 s).</summary>
    private static TimeSpan CpuTime(int pid)
    {
        var line = File.ReadAllText($"/proc/{pid}/stat");
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds(10 * (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
    }

    /// <summary>A sample line is "name{labels} value [timestamp]"; label values may hold spaces, so the value follows the last '}'.</summary>
    private static double Sum(string metrics, string family) => metrics
        .Split('\n')
        .Where(line => line.StartsWith(family, StringComparison.Ordinal) && line.Length > family.Length && line[family.Length] is '{' or ' ')
        .Sum(line => double.Parse(
            line[(line[family.Length] == '{' ? line.LastIndexOf('}') + 1 : family.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0],
            CultureInfo.InvariantCulture));
}

using System.Globalization;

namespace AgentLightning.Benchmarks;

/// <summary>
/// Where the machine's CPU went (Linux clock ticks): this process, the PostgreSQL and Redis processes, and
/// everything else, which on a shared machine is someone else's build skewing the numbers.
/// </summary>
public readonly record struct CpuTicks(TimeSpan Process, long Servers, long Busy, long Total)
{
    /// <summary>Counted as servers besides every "postgres" process (one cluster): e.g. the Redis the harness uses.</summary>
    public static HashSet<int> ServerProcessIds { get; } = [];

    public static CpuTicks Now()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var stat = Fields(File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8));
        var total = stat.Sum();
        return new(process.TotalProcessorTime, ServerTicks(), total - stat[3] - stat[4], total);
    }

    public CpuTicks Since(CpuTicks before) =>
        new(Process - before.Process, Servers - before.Servers, Busy - before.Busy, Total - before.Total);

    public double ProcessCores(TimeSpan elapsed) => Process / elapsed;

    public double ServerCores => Cores(Servers);

    /// <summary>CPU time of the servers: Linux clock ticks are 1/100 s (USER_HZ).</summary>
    public TimeSpan ServerTime => TimeSpan.FromMilliseconds(Servers * 10);

    public double MachineCores => Cores(Busy);

    public double OtherCores(TimeSpan elapsed) => Math.Max(0, MachineCores - ServerCores - ProcessCores(elapsed));

    private double Cores(long ticks) => Total == 0 ? 0 : Environment.ProcessorCount * (double)ticks / Total;

    /// <summary>
    /// When set, only these databases' backends count (with the cluster's own processes): other suites testing
    /// against the same PostgreSQL on a shared machine are then "other", not "servers".
    /// </summary>
    public static HashSet<string> Databases { get; } = [];

    private static long ServerTicks()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // /proc/<pid>/stat: pid (comm) state ... then utime stime cutime cstime from the 12th field after
                // "(comm)"; the children's times keep PostgreSQL's count whole when a backend exits mid-phase.
                var line = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = line.LastIndexOf(')');
                var comm = line[(line.IndexOf('(') + 1)..close];
                var counted = comm == "postgres" ? CountedPostgresFields(dir) : 0;
                if (counted == 0 && int.TryParse(Path.GetFileName(dir), out var pid) && ServerProcessIds.Contains(pid))
                {
                    counted = 4;
                }

                ticks += Fields(line[(close + 2)..].Split(' ').Skip(11).Take(counted)).Sum();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not a process, or one that ended while being read.
            }
        }

        return ticks;
    }

    /// <summary>
    /// All four times of every process when no database is chosen; otherwise a process's own two, and only for
    /// the cluster's processes and the chosen databases' backends ("postgres: 15/main: user db host(port) …").
    /// </summary>
    private static int CountedPostgresFields(string dir)
    {
        if (Databases.Count == 0)
        {
            return 4;
        }

        var title = File.ReadAllText(Path.Combine(dir, "cmdline")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var isBackend = title.Any(part => part.Contains('(', StringComparison.Ordinal) && part.EndsWith(')'));
        return !isBackend || title.Any(Databases.Contains) ? 2 : 0;
    }

    private static long[] Fields(IEnumerable<string> fields) =>
        fields.Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
}

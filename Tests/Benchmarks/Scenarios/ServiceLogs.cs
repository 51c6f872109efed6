using AgentLightning.Testing.Processes;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// The services' own errors when a scenario fails: a 500's cause is only in the service's log (its ProblemDetails
/// reveal nothing), and the processes and their output are gone once the platform is disposed.
/// </summary>
internal static class ServiceLogs
{
    private const int ErrorsShown = 5;
    private const int TailLines = 20;

    public static async Task RunAsync(RunningPlatform platform, Func<Task> scenario)
    {
        try
        {
            await scenario();
        }
        catch
        {
            Keep(platform);
            foreach (var process in platform.Processes)
            {
                var lines = process.Output.Split(Environment.NewLine);
                var errors = lines.Where(IsError).ToList();
                var shown = errors.Count > 0 ? errors.Take(ErrorsShown) : lines.TakeLast(TailLines);
                Console.Error.WriteLine($"--- {process.Service} (pid {process.ProcessId}): {errors.Count} errors in {lines.Length} lines; "
                    + (errors.Count > 0 ? $"the first {Math.Min(errors.Count, ErrorsShown)}" : $"the last {TailLines} lines") + " ---");
                foreach (var line in shown)
                {
                    Console.Error.WriteLine(line);
                }
            }

            throw;
        }

        Keep(platform);
    }

    /// <summary>
    /// <c>BENCH_LOGS_DIR=&lt;dir&gt;</c> keeps each service's whole output there (<c>&lt;service&gt;-&lt;pid&gt;.log</c>): with
    /// <c>BENCH_SERVICE_Logging__LogLevel__Npgsql.Command=Debug</c> it holds every SQL command the service ran.
    /// </summary>
    private static void Keep(RunningPlatform platform)
    {
        if (Environment.GetEnvironmentVariable("BENCH_LOGS_DIR") is { Length: > 0 } directory)
        {
            foreach (var process in platform.Processes)
            {
                File.WriteAllText(Path.Combine(directory, $"{process.Service}-{process.ProcessId}.log"), process.Output);
            }
        }
    }

    /// <summary>JSON log lines (the services' format) and the console format alike.</summary>
    private static bool IsError(string line) =>
        line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)
        || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
}

using System.Net.Http.Headers;
using AgentLightning.Benchmarks.Scenarios.Tasks;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// What the service under load spent per request in each case, read from its own /proc and /metrics: CPU, SQL,
/// allocations and collections explain a latency that a shared machine makes noisy, and compare across runs.
/// </summary>
internal sealed class ServedCosts(ServiceProcess service, AuthenticationHeaderValue token)
{
    private const double PerRequests = 1000;

    private readonly List<(string Case, double Requests, IReadOnlyList<ServiceCosts> Before, IReadOnlyList<ServiceCosts> After)> _cases = [];

    public async Task<LoadResult> RunAsync(string name, BenchmarkArgs args, Func<Task> call, int callers)
    {
        IReadOnlyList<ServiceCosts> before = [];
        var result = await LoadRunner.RunAsync(name, args, call, async () => before = await ServiceCosts.ReadAsync([service], token), callers);
        _cases.Add((name, result.Latencies.Count, before, await ServiceCosts.ReadAsync([service], token)));
        return result;
    }

    /// <summary>Per 1,000 requests, so the CPU column reads as microseconds per request and GC pause as µs per request.</summary>
    public void Print()
    {
        foreach (var (name, requests, before, after) in _cases)
        {
            ServiceCosts.Print($"{service.Service}'s cost of '{name}' (CPU ms = µs per request)", before, after, requests / PerRequests, $"{PerRequests:N0} requests");
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentLightning.Benchmarks.Scenarios.Outbox;
using AgentLightning.Benchmarks.Scenarios.Tasks;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// A task's round trip across the core services at a fixed offered rate (open loop): POST /tasks on Workflow Engine,
/// ExecuteTask to AI Model's local provider, its reports back to Workflow Engine, until TaskCompleted is on the bus.
/// </summary>
public sealed class TasksScenario : IScenario
{
    public string Name => "tasks";

    public string Description => "task round trip: POST /tasks -> AI Model (local provider) -> TaskCompleted, at a fixed rate";

    public IReadOnlyDictionary<string, int> Options { get; } = new Dictionary<string, int>
    {
        ["rate"] = 100,
        ["senders"] = 32,
        ["model-concurrency"] = 32,
        ["idle"] = 30,
    };

    public async Task RunAsync(BenchmarkArgs args)
    {
        int rate = args["rate"], senders = args["senders"];
        int warmup = rate * (int)args.Warmup.TotalSeconds, measured = rate * (int)args.Duration.TotalSeconds;
        Console.WriteLine($"scenario:   tasks, {measured} tasks offered at {rate}/s after {warmup} to warm up, {senders} senders, "
            + $"model concurrency {args["model-concurrency"]}");
        // The four services a task passes through; the edge services would only add their idle cost to the counts.
        await using var platform = await RunningPlatform.StartAsync(ServiceEnvironment.FromHarness(),
            RunningPlatform.AgentDesignerService, RunningPlatform.WorkflowEngineService, RunningPlatform.AiModelService);
        await ServiceLogs.RunAsync(platform, () => MeasureAsync(platform, args, warmup, measured));
    }

    private static async Task MeasureAsync(RunningPlatform platform, BenchmarkArgs args, int warmup, int measured)
    {
        int rate = args["rate"], senders = args["senders"];
        CpuTicks.Databases.Add(platform.Database.Name);
        foreach (var process in platform.Processes)
        {
            CpuTicks.ServerProcessIds.Add(process.ProcessId);
        }

        var clock = new PipelineClock();
        await using var recorder = await MessagingTestHost.StartAsync(platform.Database.ConnectionString, platform.QueuePrefix,
            bus => bus.AddConsumer<TaskEndRecorder>(), serviceName: "bench-task-ends", configure: b => b.Services.AddSingleton(clock));
        var token = await PlatformClients.SignInAsync(platform);
        using var workflows = PlatformClients.Create(platform.WorkflowEngine.Address, token, senders);
        var agentId = await CreateAgentAsync(platform, token, args["model-concurrency"]);

        await OfferAsync(workflows, agentId, clock, warmup, rate, senders);
        await Eventually.Until(() => clock.ConsumedCount >= warmup, $"{warmup} warm-up tasks end", TimeSpan.FromMinutes(5));
        await MeasureIdleAsync(platform, token, args["idle"]);

        var costs = await ServiceCosts.ReadAsync(platform.Processes, token);
        var runtime = RuntimeCounters.Now();
        var started = Stopwatch.GetTimestamp();
        var ids = await OfferAsync(workflows, agentId, clock, measured, rate, senders);
        await Eventually.Until(() => clock.ConsumedCount >= warmup + measured, $"{warmup + measured} tasks end", TimeSpan.FromMinutes(5));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (latencies, _) = clock.Measure(ids);
        var cpu = RuntimeCounters.Now().Since(runtime).Cpu;
        ServiceCosts.Print($"cost of {measured} tasks, start to last end", costs, await ServiceCosts.ReadAsync(platform.Processes, token), measured, "task");

        Console.WriteLine();
        Console.WriteLine($"round trip at {rate}/s offered:  p50 {Ms(latencies, 0.5),7:F2}  p90 {Ms(latencies, 0.9),7:F2}  p99 {Ms(latencies, 0.99),7:F2}  max {latencies.MaxMicroseconds / 1000.0,7:F2} ms ({latencies.Count} tasks)");
        Console.WriteLine($"cores busy:                   harness {cpu.ProcessCores(elapsed):F2}, servers and services {cpu.ServerCores:F2}, other {cpu.OtherCores(elapsed):F2} of {Environment.ProcessorCount}");
        Console.WriteLine($"duplicate ends on the bus:    {clock.Duplicates}");
    }

    /// <summary>With no traffic a service should run only its configured polls: CPU or SQL here is a loop that spins.</summary>
    private static async Task MeasureIdleAsync(RunningPlatform platform, AuthenticationHeaderValue token, int seconds)
    {
        if (seconds <= 0)
        {
            return;
        }

        var before = await ServiceCosts.ReadAsync(platform.Processes, token);
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var after = await ServiceCosts.ReadAsync(platform.Processes, token);
        ServiceCosts.Print($"idle for {seconds} s after the warm-up", before, after, Stopwatch.GetElapsedTime(started).TotalSeconds, "second");
    }

    /// <summary>Task k is posted at start + k/rate (<see cref="OpenLoop"/>); each is timed from the moment it was due.</summary>
    private static async Task<List<Guid>> OfferAsync(HttpClient client, string agentId, PipelineClock clock, int count, int rate, int senders)
    {
        var ids = new ConcurrentBag<Guid>();
        await OpenLoop.OfferAsync(count, rate, senders, async (k, due) =>
        {
            using var response = await client.PostAsJsonAsync("/tasks", new { agentId, description = $"benchmark task {k}", priority = 1, context = new { } });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"POST /tasks answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            clock.Committed(id, due);
            ids.Add(id);
        });
        return [.. ids];
    }

    private static async Task<string> CreateAgentAsync(RunningPlatform platform, AuthenticationHeaderValue token, int concurrency)
    {
        var model = "bench-" + Guid.NewGuid().ToString("N")[..8];
        using var models = PlatformClients.Create(platform.AiModel.Address, token);
        (await models.PostAsJsonAsync("/models", new { name = model, provider = "local", providerModel = "echo", contextWindow = 8192, maxConcurrentTasks = concurrency }))
            .EnsureSuccessStatusCode();
        using var agents = PlatformClients.Create(platform.AgentDesigner.Address, token);
        (await agents.PostAsJsonAsync("/agents", new { id = "bench-agent", name = "Benchmark agent", model, config = new { } })).EnsureSuccessStatusCode();
        return "bench-agent";
    }

    private static double Ms(LatencyRecorder recorder, double quantile) => recorder.Percentile(quantile) / 1000.0;
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AgentLightning.Benchmarks.Scenarios.Outbox;
using AgentLightning.Benchmarks.Scenarios.Provisioning;
using AgentLightning.Benchmarks.Scenarios.Tasks;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// AgentProvisioning sagas end to end (Transaction Coordinator → Agent Designer, AI Model, Auth → AgentProvisioned on
/// the bus), every service a process on this machine: completed sagas per second flat out, then each saga's duration
/// (from the moment its ProvisionAgent was due to its AgentProvisioned) at a fixed offered rate.
/// </summary>
public sealed class ProvisioningScenario : IScenario
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public string Name => "provisioning";

    public string Description => "AgentProvisioning sagas: completed per second flat out (--count, after --warmup-sagas), duration p50/p99 at --rate per second";

    public IReadOnlyDictionary<string, int> Options { get; } = new Dictionary<string, int>
    {
        ["count"] = 1000,
        // Flat out before measuring: tiered compilation and its PGO keep recompiling MassTransit's and EF Core's generic
        // hot paths for the first ~2,000 sagas (a third of the services' CPU), which a long-running service pays once.
        ["warmup-sagas"] = 2000,
        ["rate"] = 50,
        ["senders"] = 32,
        // Each provisioned agent holds one slot of its model (at most 1,000 a model): spread over enough for every phase.
        ["models"] = 8,
    };

    public async Task RunAsync(BenchmarkArgs args)
    {
        int count = args["count"], rate = args["rate"], senders = args["senders"], warmup = args["warmup-sagas"];
        var paced = rate * (int)args.Duration.TotalSeconds;
        Console.WriteLine($"scenario:   provisioning, {warmup} sagas flat out to warm up, then {count} flat out, then {paced} offered at {rate}/s, {senders} senders, no webhook");
        await using var platform = await RunningPlatform.StartAsync(ServiceEnvironment.FromHarness(),
            RunningPlatform.AgentDesignerService, RunningPlatform.AiModelService, RunningPlatform.TransactionCoordinatorService);
        await ServiceLogs.RunAsync(platform, () => MeasureAsync(platform, args));
    }

    private static async Task MeasureAsync(RunningPlatform platform, BenchmarkArgs args)
    {
        int count = args["count"], rate = args["rate"], senders = args["senders"], warmup = args["warmup-sagas"];
        var paced = rate * (int)args.Duration.TotalSeconds;
        CpuTicks.Databases.Add(platform.Database.Name);
        foreach (var process in platform.Processes)
        {
            CpuTicks.ServerProcessIds.Add(process.ProcessId);
        }

        var (clock, failures) = (new PipelineClock(), new ProvisioningFailures());
        await using var recorder = await MessagingTestHost.StartAsync(platform.Database.ConnectionString, platform.QueuePrefix,
            bus => bus.AddConsumer<ProvisioningEndRecorder>(), serviceName: "bench-provisioning-ends",
            configure: b => b.Services.AddSingleton(clock).AddSingleton(failures));
        var token = await PlatformClients.SignInAsync(platform);
        using var coordinator = PlatformClients.Create(platform.TransactionCoordinator.Address, token, senders);
        var models = await CreateModelsAsync(platform, token, args["models"]);
        var offered = 0;

        var warming = Stopwatch.GetTimestamp();
        offered += warmup;
        await OfferAsync(coordinator, models, clock, warmup, rate: null, senders);
        await Eventually.Until(() => clock.ConsumedCount >= offered, $"{warmup} warm-up sagas end", Bound);
        var warmedUp = Stopwatch.GetElapsedTime(warming);

        var costs = await ServiceCosts.ReadAsync(platform.Processes, token);
        var (started, cpu) = (Stopwatch.GetTimestamp(), CpuTicks.Now());
        offered += count;
        await OfferAsync(coordinator, models, clock, count, rate: null, senders);
        await Eventually.Until(() => clock.ConsumedCount >= offered, $"{count} sagas end", Bound);
        var flatOut = Stopwatch.GetElapsedTime(started);
        var (spent, costsAfter) = (CpuTicks.Now().Since(cpu), await ServiceCosts.ReadAsync(platform.Processes, token));
        ServiceCosts.Print($"cost of {count} sagas flat out", costs, costsAfter, count, "saga");
        PrintMachine(spent, flatOut, costsAfter.Zip(costs, (a, b) => a.Cpu - b.Cpu).Aggregate(TimeSpan.Zero, (sum, d) => sum + d), count);

        offered += paced;
        var ids = await OfferAsync(coordinator, models, clock, paced, rate, senders);
        await Eventually.Until(() => clock.ConsumedCount >= offered, $"{paced} paced sagas end", Bound);
        var (durations, _) = clock.Measure(ids);

        Console.WriteLine();
        Console.WriteLine($"warm-up (fresh JIT):    {warmup / warmedUp.TotalSeconds,8:F1} sagas/s completed ({warmup} in {warmedUp.TotalSeconds:F1} s)");
        Console.WriteLine($"flat out:               {count / flatOut.TotalSeconds,8:F1} sagas/s completed ({count} in {flatOut.TotalSeconds:F1} s)");
        Console.WriteLine($"duration at {rate}/s offered: p50 {Ms(durations, 0.5),7:F1}  p90 {Ms(durations, 0.9),7:F1}  p99 {Ms(durations, 0.99),7:F1}  max {durations.MaxMicroseconds / 1000.0,7:F1} ms ({durations.Count} sagas)");
        Console.WriteLine($"compensated:            {failures.Count}{(failures.First is null ? "" : $" (first: {failures.First})")}");
        Console.WriteLine($"duplicate ends:         {clock.Duplicates}");
    }

    /// <summary>Where the machine's cores went while the sagas ran flat out: what bounds the throughput.</summary>
    private static void PrintMachine(CpuTicks spent, TimeSpan elapsed, TimeSpan services, int count)
    {
        var servers = spent.ServerTime - services;
        Console.WriteLine($"  PostgreSQL, Redis, RabbitMQ {servers.TotalMilliseconds / count,6:F2} ms per saga");
        Console.WriteLine($"  cores busy: services {services / elapsed:F2}, PostgreSQL/Redis/RabbitMQ {servers / elapsed:F2}, "
            + $"harness {spent.ProcessCores(elapsed):F2}, other {spent.OtherCores(elapsed):F2} of {Environment.ProcessorCount}");
        if (spent.OtherCores(elapsed) > 0.25)
        {
            Console.WriteLine($"skewed: other processes took {spent.OtherCores(elapsed):F2} cores; run again on a quiet machine");
        }
    }

    /// <summary>Saga k is sent at start + k/rate, or at once flat out (<see cref="OpenLoop"/>); timed from when it was due.</summary>
    private static async Task<List<Guid>> OfferAsync(HttpClient client, IReadOnlyList<string> models, PipelineClock clock, int count, int? rate, int senders)
    {
        var ids = new ConcurrentBag<Guid>();
        await OpenLoop.OfferAsync(count, rate, senders, async (k, due) =>
        {
            var id = Guid.NewGuid();
            using var response = await client.PostAsJsonAsync("/commands/ProvisionAgent", new
            {
                provisioningId = id, agentId = $"bench-{id:N}"[..30], name = $"benchmark agent {k}", model = models[k % models.Count],
            });
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /commands/ProvisionAgent answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            clock.Committed(id, due);
            ids.Add(id);
        });
        return [.. ids];
    }

    private static async Task<List<string>> CreateModelsAsync(RunningPlatform platform, AuthenticationHeaderValue token, int count)
    {
        using var models = PlatformClients.Create(platform.AiModel.Address, token);
        var names = Enumerable.Range(0, count).Select(_ => "bench-" + Guid.NewGuid().ToString("N")[..8]).ToList();
        foreach (var name in names)
        {
            (await models.PostAsJsonAsync("/models", new { name, provider = "local", providerModel = "echo", contextWindow = 8192, maxConcurrentTasks = 1000 }))
                .EnsureSuccessStatusCode();
        }

        return names;
    }

    private static double Ms(LatencyRecorder recorder, double quantile) => recorder.Percentile(quantile) / 1000.0;
}

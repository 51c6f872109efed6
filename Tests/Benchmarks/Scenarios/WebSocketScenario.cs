using System.Diagnostics;
using System.Globalization;
using AgentLightning.Benchmarks.Scenarios.Live;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// Event propagation to live clients: a producer commits a change with its event through the bus outbox at a fixed
/// rate; the WebSocket service (a process of its own) relays every event to N clients subscribed to everything.
/// Latency is from the commit returning to the frame arriving at each client, both on the harness's clock.
/// </summary>
public sealed class WebSocketScenario : IScenario
{
    private const double TargetP50 = 10;
    private const double TargetP99 = 50;
    private const string InHarnessVariable = "BENCH_CLIENTS_IN_HARNESS";

    public string Name => "websocket";

    public string Description => "commit -> outbox -> RabbitMQ -> WebSocket service -> N clients, at a fixed rate";

    public IReadOnlyDictionary<string, int> Options { get; } = new Dictionary<string, int>
    {
        ["rate"] = 200,
        ["clients"] = 100,
        ["max-clients"] = 1000,
        ["producers"] = 8,
        // Steady state: with 3 s the services were still in tiered compilation, which put p99 at 43-65 ms instead of 17.
        ["warmup"] = 30,
    };

    public async Task RunAsync(BenchmarkArgs args)
    {
        int rate = args["rate"], producers = args["producers"];
        int warmup = rate * (int)args.Warmup.TotalSeconds, measured = rate * (int)args.Duration.TotalSeconds;
        var cases = new[] { args["clients"], args["max-clients"] }.Distinct().Order().ToList();
        Console.WriteLine($"scenario:   websocket, {measured} events at {rate}/s after {warmup} to warm up, to {string.Join(" then ", cases)} clients subscribed to *");
        // Every harness client is one user (one token): the per-user limit must not cut the run short.
        var settings = new Dictionary<string, string> { ["WebSocket__MaxConnectionsPerUser"] = $"{cases[^1]}" };
        foreach (var (name, value) in ServiceEnvironment.FromHarness())
        {
            settings[name] = value;
        }

        await using var platform = await RunningPlatform.StartAsync(settings, RunningPlatform.WebSocketService);
        CpuTicks.Databases.Add(platform.Database.Name);
        foreach (var process in platform.Processes)
        {
            CpuTicks.ServerProcessIds.Add(process.ProcessId);
        }

        await using var producer = await EventProducer.StartAsync(platform.Database.ConnectionString, platform.QueuePrefix);
        var token = (await PlatformClients.SignInAsync(platform)).Parameter!;
        var socket = new Uri(platform.WebSocket.Address.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "ws");
        var results = new List<LoadResult>();
        var hops = new List<HopTable>();
        using var outbox = new OutboxHops();
        await using IClients listeners = Environment.GetEnvironmentVariable(InHarnessVariable) == "1"
            ? new HarnessClients(socket, token)
            : ClientProcess.Start(socket, token);
        if (listeners.ProcessId is { } clientsProcess)
        {
            CpuTicks.ServerProcessIds.Add(clientsProcess);
        }

        Console.WriteLine($"clients:    {(listeners.ProcessId is null ? "in the harness" : "in a process of their own, counted with the servers in the cores column")} "
            + $"({InHarnessVariable}=1: in the harness)");
        foreach (var clients in cases)
        {
            await listeners.AddAsync(clients - listeners.Count);
            await PhaseAsync(producer, listeners, warmup, rate, producers);
            var runtime = RuntimeCounters.Now();
            var (serviceCpu, clientsCpu) = (ProcessCpu(platform.WebSocket.ProcessId), ProcessCpu(listeners.ProcessId));
            outbox.Take();
            var started = Stopwatch.GetTimestamp();
            var (latencies, onBus, busToFrame, missing) = await PhaseAsync(producer, listeners, measured, rate, producers);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var outboxHops = outbox.Take();
            double frames = Math.Max(1, latencies.Count);
            var perFrame = (ProcessCpu(platform.WebSocket.ProcessId) - serviceCpu).TotalMicroseconds / frames;
            var clientsPerFrame = listeners.ProcessId is null ? (double?)null : (ProcessCpu(listeners.ProcessId) - clientsCpu).TotalMicroseconds / frames;
            var result = new LoadResult($"{clients} clients", latencies, elapsed, RuntimeCounters.Now().Since(runtime))
            {
                Note = $"{missing} frames missing; commit to a bus consumer p50 {onBus.Percentile(0.5) / 1000.0:F2} p99 {onBus.Percentile(0.99) / 1000.0:F2} ms; "
                    + $"WebSocket service {perFrame:F1} µs CPU per frame",
            };
            results.Add(result);
            hops.Add(new HopTable(result.Case, measured, outboxHops, onBus, busToFrame, latencies,
                perFrame, clientsPerFrame, result.Runtime.Cpu.Process.TotalMilliseconds / measured));
        }

        ResultTable.Print(results);
        hops.ForEach(h => h.Print());
        foreach (var result in results)
        {
            ResultTable.Target(result.Milliseconds(0.5) < TargetP50, $"p50 < {TargetP50} ms at {rate}/s, {result.Case}", $"{result.Milliseconds(0.5):F2} ms");
            ResultTable.Target(result.Milliseconds(0.99) < TargetP99, $"p99 < {TargetP99} ms at {rate}/s, {result.Case}", $"{result.Milliseconds(0.99):F2} ms");
        }
    }

    /// <summary>User and system CPU time of a process (Linux clock ticks of 10 ms).</summary>
    private static TimeSpan ProcessCpu(int? pid)
    {
        if (pid is null)
        {
            return TimeSpan.Zero;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds(10 * (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
    }

    /// <summary>Offers <paramref name="count"/> events, waits until every client has them (or a minute), then measures each client's frames.</summary>
    private static async Task<(LatencyRecorder Latencies, LatencyRecorder OnBus, LatencyRecorder BusToFrame, long Missing)> PhaseAsync(
        EventProducer producer, IClients listeners, int count, int rate, int producers)
    {
        var ids = (await producer.OfferAsync(count, rate, producers)).ToHashSet();
        try
        {
            // Each phase starts with every client's frames taken, so a client's count is its frames of this phase.
            await Eventually.Until(async () => await listeners.FewestAsync() >= ids.Count, "every client has every event", TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            // Reported as missing frames (dropped for a client that fell behind).
        }

        var (latencies, busToFrame) = (new LatencyRecorder(), new LatencyRecorder());
        foreach (var (id, at) in await listeners.TakeAsync())
        {
            if (ids.Contains(id) && producer.Committed.TryGetValue(id, out var committed))
            {
                latencies.Record(committed, at);
                if (producer.Arrivals.At.TryGetValue(id, out var arrived))
                {
                    busToFrame.Record(arrived, at);
                }
            }
        }

        var onBus = new LatencyRecorder();
        foreach (var id in ids)
        {
            if (producer.Committed.TryGetValue(id, out var committed) && producer.Arrivals.At.TryGetValue(id, out var arrived))
            {
                onBus.Record(committed, arrived);
            }
        }

        return (latencies, onBus, busToFrame, (long)ids.Count * listeners.Count - latencies.Count);
    }
}

using AgentLightning.Infrastructure.Caching;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// Agent reads through the cached repository with Redis and without it (every read from PostgreSQL). Each
/// call is one DI scope, as one request of a service is. A "list" is <c>ListAsync()</c>: every agent of a
/// database seeded with <c>--list-size</c> agents.
/// </summary>
public sealed class CacheScenario : IScenario
{
    private const int TargetCallers = 32;
    private const double TargetP99Milliseconds = 2.0;
    private const double TargetRatio = 3.0;

    public string Name => "cache";

    public string Description => "agent get-by-id and list, cached (Redis) and uncached (PostgreSQL), closed loop";

    public IReadOnlyDictionary<string, int> Options { get; } = new Dictionary<string, int>
    {
        ["agents"] = 1000,
        ["list-size"] = 100,
    };

    public async Task RunAsync(BenchmarkArgs args)
    {
        Console.WriteLine($"scenario:   cache, {args.Callers} callers, warm-up {args.Warmup.TotalSeconds:F0} s, "
            + $"measure {args.Duration.TotalSeconds:F0} s, {args["agents"]} agents (get), lists of {args["list-size"]} agents");
        await using var gets = await AgentDataset.CreateAsync(args["agents"]);
        await using var lists = await AgentDataset.CreateAsync(args["list-size"]);
        using var sources = new DataSourceCounter();
        await PrintEntrySizesAsync(gets, lists);

        var getCached = await RunAsync("get, cached", gets.Cached, r => Get(r, gets), args, sources);
        var getUncached = await RunAsync("get, uncached", gets.Uncached, r => Get(r, gets), args, sources);
        var listCached = await RunAsync("list, cached", lists.Cached, r => List(r, lists), args, sources);
        var listUncached = await RunAsync("list, uncached", lists.Uncached, r => List(r, lists), args, sources);
        ResultTable.Print([getCached, getUncached, listCached, listUncached]);

        var getRatio = getCached.OpsPerSecond / getUncached.OpsPerSecond;
        var listRatio = listCached.OpsPerSecond / listUncached.OpsPerSecond;
        Console.WriteLine($"cached/uncached throughput: get {getRatio:F2}x, list {listRatio:F2}x");
        var atTarget = args.Callers == TargetCallers ? "" : $" (target is stated at {TargetCallers} callers; ran at {args.Callers})";
        ResultTable.Target(getCached.Milliseconds(0.99) < TargetP99Milliseconds,
            $"cached get-by-id p99 < {TargetP99Milliseconds} ms at {TargetCallers} callers", $"{getCached.Milliseconds(0.99):F3} ms{atTarget}");
        ResultTable.Target(getRatio >= TargetRatio, $"cached get throughput >= {TargetRatio}x uncached", $"{getRatio:F2}x");
        ResultTable.Target(listRatio >= TargetRatio, $"cached list throughput >= {TargetRatio}x uncached", $"{listRatio:F2}x");
    }

    private static async Task<LoadResult> RunAsync(
        string name, PlatformTestHost host, Func<AgentRepository, Task> read, BenchmarkArgs args, DataSourceCounter sources)
    {
        Console.WriteLine($"running:    {name}");
        var result = await LoadRunner.RunAsync(
            name, args, () => host.InScopeAsync(sp => read(sp.GetRequiredService<AgentRepository>())), () =>
            {
                sources.Reset();
                return Task.CompletedTask;
            });
        result.Note = sources.Describe();
        return result;
    }

    private static async Task PrintEntrySizesAsync(AgentDataset gets, AgentDataset lists)
    {
        var agent = await gets.Cached.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().GetAsync(gets.Ids[0]));
        var list = await lists.Cached.InScopeAsync(sp => sp.GetRequiredService<AgentRepository>().ListAsync());
        Console.WriteLine($"entries:    one agent {CacheEntry.Value(agent!.Version, agent).Length} chars, "
            + $"one list {CacheEntry.List(list).Length} chars of JSON in Redis");
    }

    private static async Task Get(AgentRepository agents, AgentDataset dataset)
    {
        var id = dataset.Ids[Random.Shared.Next(dataset.Ids.Count)];
        _ = await agents.GetAsync(id) ?? throw new InvalidOperationException($"Agent {id} was not found.");
    }

    private static async Task List(AgentRepository agents, AgentDataset dataset)
    {
        var listed = await agents.ListAsync();
        if (listed.Count != dataset.Ids.Count)
        {
            throw new InvalidOperationException($"Listed {listed.Count} agents, expected {dataset.Ids.Count}.");
        }
    }
}

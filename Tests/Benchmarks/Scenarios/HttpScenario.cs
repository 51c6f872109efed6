using System.Net;
using System.Net.Http.Json;
using AgentLightning.Infrastructure.Paging;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// Agent Designer's read path over HTTP, as a client sees it: a real process behind Kestrel, a real token from Auth.
/// The constant endpoint (<c>/me</c>: authentication and routing, no I/O) is the HTTP stack's ceiling on this machine;
/// a cached get-by-id is measured against it, and a keyset page of 100 out of many agents on its own.
/// </summary>
public sealed class HttpScenario : IScenario
{
    private const double TargetShareOfCeiling = 0.5;
    private const double TargetGetP99 = 10;
    private const double TargetPageP99 = 20;
    private const int PageSize = 100;
    private const int MaxSeedAttempts = 5;

    public string Name => "http";

    public string Description => "Agent Designer over HTTP: constant endpoint, cached get-by-id, page of 100 (closed loop)";

    public IReadOnlyDictionary<string, int> Options { get; } = new Dictionary<string, int>
    {
        ["agents"] = 10_000,
        ["get-callers"] = 64,
        ["page-callers"] = 32,
    };

    public async Task RunAsync(BenchmarkArgs args)
    {
        int agents = args["agents"], getCallers = args["get-callers"], pageCallers = args["page-callers"];
        Console.WriteLine($"scenario:   http, {agents} agents; constant and get-by-id at {getCallers} connections, pages of {PageSize} at {pageCallers}; "
            + $"warm-up {args.Warmup.TotalSeconds:F0} s, measure {args.Duration.TotalSeconds:F0} s each");
        await using var platform = await RunningPlatform.StartAsync(ServiceEnvironment.FromHarness(), RunningPlatform.AgentDesignerService);
        CpuTicks.Databases.Add(platform.Database.Name);
        CpuTicks.ServerProcessIds.Add(platform.AgentDesigner.ProcessId);
        var token = await PlatformClients.SignInAsync(platform);
        using var client = PlatformClients.Create(platform.AgentDesigner.Address, token, Math.Max(getCallers, pageCallers));
        var ids = await SeedAsync(client, agents);

        var service = new ServedCosts(platform.AgentDesigner, token);
        var constant = await service.RunAsync("constant /me", args, () => GetAsync(client, "/me"), getCallers);
        var get = await service.RunAsync("get by id", args, () => GetAsync(client, $"/agents/{Any(ids)}"), getCallers);
        var page = await service.RunAsync("page of 100", args,
            () => GetAsync(client, $"/agents?limit={PageSize}&after={PageCursor.Encode(Any(ids))}"), pageCallers);
        service.Print();
        ResultTable.Print([constant, get, page]);
        Console.WriteLine("servers column: PostgreSQL, Redis, RabbitMQ and the Agent Designer process together");

        var share = get.OpsPerSecond / constant.OpsPerSecond;
        ResultTable.Target(share >= TargetShareOfCeiling, $"cached get-by-id >= {TargetShareOfCeiling:P0} of the constant endpoint's throughput", $"{share:P0}");
        ResultTable.Target(get.Milliseconds(0.99) < TargetGetP99, $"cached get-by-id p99 < {TargetGetP99} ms at {getCallers} connections", $"{get.Milliseconds(0.99):F2} ms");
        ResultTable.Target(page.Milliseconds(0.99) < TargetPageP99, $"page of {PageSize} p99 < {TargetPageP99} ms at {pageCallers} connections, {agents} agents", $"{page.Milliseconds(0.99):F2} ms");
    }

    /// <summary>Creates the agents over HTTP, then reads each once, so every get-by-id of the run is a cache hit.</summary>
    private static async Task<string[]> SeedAsync(HttpClient client, int count)
    {
        Console.WriteLine($"seeding:    {count} agents over HTTP");
        var ids = Enumerable.Range(1, count).Select(i => $"agent-{i:D6}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, cancellationToken) =>
        {
            // An overloaded machine answers 503 with Retry-After; the id is ours, so a retry whose first attempt
            // committed after all is a 409, and the agent exists either way.
            for (var attempt = 1; ; attempt++)
            {
                using var created = await client.PostAsJsonAsync("/agents", Sample(id), cancellationToken);
                if (created.StatusCode == HttpStatusCode.Created || (attempt > 1 && created.StatusCode == HttpStatusCode.Conflict))
                {
                    return;
                }

                if (created.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == MaxSeedAttempts)
                {
                    throw new InvalidOperationException($"Creating {id} answered {created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
                }

                await Task.Delay(created.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
            }
        });
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) => await GetAsync(client, $"/agents/{id}"));
        return ids;
    }

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }
    }

    private static string Any(string[] ids) => ids[Random.Shared.Next(ids.Length)];

    /// <summary>A typical agent: about 400 bytes of JSON.</summary>
    private static object Sample(string id) => new
    {
        id,
        name = $"Research assistant {id}",
        model = "gpt-4o-mini",
        specialization = "literature search and summarisation",
        config = new { temperature = 0.2, max_tokens = 2048, tools = new[] { "search", "summarise" }, retries = 3 },
        capabilities = new[] { "search", "summarise", "cite" },
    };
}

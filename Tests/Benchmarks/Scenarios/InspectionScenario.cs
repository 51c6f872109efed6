using System.Net;
using System.Net.Http.Headers;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.Tests.Inspection;

namespace AgentLightning.Benchmarks.Scenarios;

/// <summary>
/// The saga inspection over HTTP with many stored sagas: the coordinator's inspection in this process (the test order
/// machine of Tests/TransactionCoordinator.Tests, its sources linked), Kestrel on loopback, an operator's token.
/// </summary>
public sealed class InspectionScenario : IScenario
{
    private const double TargetP99 = 50;

    public string Name => "inspection";

    public string Description => "Saga inspection over HTTP with 100,000 stored sagas: list by type and state, stuck, detail, types (closed loop)";

    public IReadOnlyDictionary<string, int> Options { get; } = new Dictionary<string, int>
    {
        ["instances"] = 100_000,
        ["inspection-callers"] = 4,
    };

    public async Task RunAsync(BenchmarkArgs args)
    {
        int instances = args["instances"], callers = args["inspection-callers"];
        Console.WriteLine($"scenario:   inspection, {instances} sagas (80 % finished) with their transitions; {callers} callers; "
            + $"warm-up {args.Warmup.TotalSeconds:F0} s, measure {args.Duration.TotalSeconds:F0} s each");
        await using var database = await ScratchDatabase.CreateAsync();
        await using var queues = new ScratchQueues();
        await using var coordinator = await InspectionHost.StartAsync(database.ConnectionString, queues.Prefix);
        CpuTicks.Databases.Add(database.Name);
        var ids = await SeedAsync(database, instances);
        var token = new AuthenticationHeaderValue("Bearer", TestTokenAuthority.Shared.Issue("benchmark", "operator"));
        using var client = PlatformClients.Create(coordinator.Client.BaseAddress!, token, callers);

        var list = await LoadRunner.RunAsync("list type+state", args, () => ReadAsync(client, "/sagas?type=InspectedOrderState&state=Submitted&limit=100"), callers: callers);
        var stuck = await LoadRunner.RunAsync("stuck", args, () => ReadAsync(client, "/sagas?olderThan=01:00:00&limit=100"), callers: callers);
        var detail = await LoadRunner.RunAsync("detail", args, () => ReadAsync(client, $"/sagas/{ids[Random.Shared.Next(ids.Length)]}"), callers: callers);
        var types = await LoadRunner.RunAsync("types", args, () => ReadAsync(client, "/sagas/types"), callers: callers);
        ResultTable.Print([list, stuck, detail, types]);
        Console.WriteLine("harness column: the harness and the coordinator's inspection (one process); servers: PostgreSQL");
        foreach (var result in new[] { list, stuck, detail, types })
        {
            ResultTable.Target(result.Milliseconds(0.99) < TargetP99, $"{result.Case} p99 < {TargetP99} ms with {instances} sagas", $"{result.Milliseconds(0.99):F2} ms");
        }
    }

    /// <summary>
    /// Sagas as the repository stores them, in bulk: 80 % Final, the rest Submitted, Paid, TimedOut or Cancelled, last
    /// moved at random within a week; one or two transitions each. Then VACUUM ANALYZE, as autovacuum would have by then.
    /// Returns 1,000 ids to read in detail.
    /// </summary>
    private static async Task<Guid[]> SeedAsync(ScratchDatabase database, int instances)
    {
        Console.WriteLine($"seeding:    {instances} sagas and their transitions");
        await database.ExecuteAsync($"""
            INSERT INTO inspected_orders (correlation_id, current_state, created_at, updated_at, finished_at, counter)
            SELECT gen_random_uuid(), state, now() - age - interval '1 minute', now() - age, CASE WHEN state = 'Final' THEN now() - age END, 1
            FROM (SELECT random() * interval '7 days' AS age,
                         CASE WHEN i % 100 < 80 THEN 'Final' WHEN i % 100 < 90 THEN 'Submitted' WHEN i % 100 < 95 THEN 'Paid'
                              WHEN i % 100 < 98 THEN 'TimedOut' ELSE 'Cancelled' END AS state
                  FROM generate_series(1, {instances}) i) s
            """);
        await database.ExecuteAsync("""
            INSERT INTO saga_transitions (saga_type, correlation_id, from_state, to_state, event, message_id, conversation_id, recorded_at, instance)
            SELECT 'InspectedOrderState', o.correlation_id, t.f, t.t, t.e, gen_random_uuid(), o.correlation_id, o.updated_at, 'benchmark@localhost:1'
            FROM inspected_orders o CROSS JOIN LATERAL (VALUES ('Initial', 'Submitted', 'Submit'), ('Submitted', o.current_state, 'Pay')) t(f, t, e)
            WHERE t.f = 'Initial' OR o.current_state <> 'Submitted'
            """);
        await database.ExecuteAsync("VACUUM ANALYZE inspected_orders");
        await database.ExecuteAsync("VACUUM ANALYZE saga_transitions");
        return await database.ScalarAsync<Guid[]>("SELECT array_agg(correlation_id) FROM (SELECT correlation_id FROM inspected_orders ORDER BY random() LIMIT 1000) s");
    }

    private static async Task ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}

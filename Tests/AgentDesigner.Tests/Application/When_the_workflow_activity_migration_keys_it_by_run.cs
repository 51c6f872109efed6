using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.AgentDesigner.Tests.Application;

/// <summary>
/// WorkflowActivityPerRun: the rows keyed by a workflow id go (no event names that key any more), each run in flight
/// in the WorkflowRun saga's table makes its steps' agents busy, and the cached metrics are distrusted.
/// </summary>
public sealed class When_the_workflow_activity_migration_keys_it_by_run
{
    private const string Before = "20261203235403_DropProvisioningAgentIdIndex";
    private const string Migration = "20261204042044_WorkflowActivityPerRun";

    [Test]
    public async Task Should_replace_the_rows_by_workflow_with_the_runs_in_flight()
    {
        var workflow = Guid.NewGuid();
        var (running, compensating, ended) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using var database = await ScratchDatabase.CreateAsync();
        await database.MigrateToAsync(Before);
        await database.ExecuteAsync(
            "INSERT INTO agent_workflow_activity (workflow_id, agent_ids, ended, ended_at) " +
            $"VALUES ('{workflow}', ARRAY['a'], false, NULL), ('{Guid.NewGuid()}', ARRAY['x'], true, now())");
        await database.ExecuteAsync(
            "INSERT INTO workflow_run_sagas (correlation_id, workflow_id, name, context, steps, event_version, current_state, created_at, updated_at) VALUES " +
            $"({Saga(running, workflow, "Running", "a", "b", "a")}), ({Saga(compensating, workflow, "Compensating", "c")}), ({Saga(ended, workflow, "Final", "d")})");
        var generation = await database.ScalarAsync<long>("SELECT value FROM cache_generation");

        await database.MigrateToAsync(Migration);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM agent_workflow_activity"), Is.EqualTo(2), "the runs in flight, nothing else");
            Assert.That(await BusyAgentsAsync(database, running), Is.EqualTo("a,b"));
            Assert.That(await BusyAgentsAsync(database, compensating), Is.EqualTo("c"));
            Assert.That(await database.ScalarAsync<long>("SELECT value FROM cache_generation"), Is.GreaterThan(generation));
        });
    }

    /// <summary>A saga row's values as the saga keeps its steps (JSON with web names).</summary>
    private static string Saga(Guid run, Guid workflow, string state, params string[] agents) =>
        $"'{run}', '{workflow}', 'wf', '{{}}', '[{string.Join(", ", agents.Select(a => $"{{\"agentId\": \"{a}\"}}"))}]', 1, '{state}', now(), now()";

    private static Task<string> BusyAgentsAsync(ScratchDatabase database, Guid run) => database.ScalarAsync<string>(
        $"SELECT array_to_string(ARRAY(SELECT unnest(agent_ids) ORDER BY 1), ',') FROM agent_workflow_activity WHERE run_id = '{run}' AND NOT ended");
}

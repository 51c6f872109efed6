using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Workflows;

/// <summary>
/// The Transaction Coordinator SIGKILLed while runs are in flight, then started again: what survives is what
/// PostgreSQL and the broker hold (saga rows, outbox, inbox marks, scheduled timeouts, queued task events).
/// </summary>
public sealed class When_the_coordinator_is_killed
{
    private const int RunCount = 100;

    private static readonly string[] Services =
        [RunningPlatform.AgentDesignerService, RunningPlatform.WorkflowEngineService, RunningPlatform.AiModelService, RunningPlatform.TransactionCoordinatorService];

    [Test]
    public async Task Should_finish_every_run_with_each_step_executed_exactly_once()
    {
        await using var platform = await RunningPlatform.StartAsync(Services);
        var token = await new Accounts(platform).TokenAsync("operator");
        var agent = await Runs.NewAgentAsync(platform, token);
        var workflow = await Runs.DefineAsync(platform, token,
            new { name = "one", agentId = agent, description = "step one" },
            new { name = "two", agentId = agent, description = "step two" },
            new { name = "three", agentId = agent, description = "step three" });
        await Task.WhenAll(Enumerable.Range(0, RunCount).Select(_ => Runs.StartAsync(platform, token, workflow)));
        await Eventually.Until(async () => await CountAsync(platform, "SELECT count(*) FROM tasks WHERE run_id IS NOT NULL") >= RunCount,
            "the runs are under way", Runs.RunTime);
        Assert.That(await CountAsync(platform, "SELECT count(*) FROM workflow_run_sagas WHERE current_state = 'Final'"), Is.LessThan(RunCount),
            "killed in the middle: some runs have not finished");

        await platform.TransactionCoordinator.KillAsync();
        await platform.StartInstanceAsync(RunningPlatform.TransactionCoordinatorService);

        try
        {
            await Eventually.Until(async () => await CountAsync(platform, "SELECT count(*) FROM workflow_runs WHERE status = 'completed'") == RunCount,
                "every run completes (the run view)", TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException timeout)
        {
            Assert.Fail($"{timeout.Message}\n{await DescribeAsync(platform)}");
        }

        Assert.That(await CountAsync(platform, "SELECT count(*) FROM workflow_run_sagas WHERE current_state = 'Final' AND outcome = 'completed'"), Is.EqualTo(RunCount));
        Assert.That(await CountAsync(platform, "SELECT count(*) FROM tasks WHERE run_id IS NOT NULL"), Is.EqualTo(3 * RunCount), "one task per step");
        Assert.That(await CountAsync(platform, "SELECT count(*) FROM (SELECT run_id, description FROM tasks WHERE run_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) <> 1) x"),
            Is.Zero, "no step of any run has two tasks");
        Assert.That(await CountAsync(platform, "SELECT count(*) FROM tasks WHERE run_id IS NOT NULL AND status <> 'completed'"), Is.Zero);
    }

    [Test]
    public async Task Should_fire_a_step_timeout_after_it_starts_again()
    {
        // AI Model takes a minute per task: the 4 s step timeout is what ends it.
        await using var platform = await RunningPlatform.StartAsync(new Dictionary<string, string> { ["AiModel__Local__Delay"] = "00:01:00" }, Services);
        var token = await new Accounts(platform).TokenAsync("operator");
        var agent = await Runs.NewAgentAsync(platform, token);
        var workflow = await Runs.DefineAsync(platform, token, new { name = "slow", agentId = agent, description = "take your time", timeoutSeconds = 4 });
        var runId = await Runs.StartAsync(platform, token, workflow);
        var scheduled = $"SELECT count(*) FROM scheduled_messages m JOIN workflow_run_sagas s ON s.deadline_token_id = m.token_id WHERE s.correlation_id = '{runId}'";
        await Eventually.Until(async () => await CountAsync(platform, scheduled) == 1, "the step's timeout is scheduled", Runs.RunTime);

        await platform.TransactionCoordinator.KillAsync();
        await Eventually.Until(async () => await CountAsync(platform, $"SELECT count(*) FROM workflow_run_sagas WHERE correlation_id = '{runId}' AND deadline_at < now() - interval '1 second'") == 1,
            "the deadline passes while no coordinator runs", Runs.RunTime);
        Assert.That(await CountAsync(platform, $"SELECT count(*) FROM workflow_run_sagas WHERE correlation_id = '{runId}' AND current_state = 'Running'"), Is.EqualTo(1));
        await platform.StartInstanceAsync(RunningPlatform.TransactionCoordinatorService);

        var run = await Runs.WaitForEndAsync(platform, token, workflow, runId);
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"), run.GetRawText());
        Assert.That(run.GetProperty("errorMessage").GetString(), Is.EqualTo("step 'slow' failed after 1 attempt(s): timed out after 4 s"));
        await Eventually.Until(async () => await CountAsync(platform, $"SELECT count(*) FROM tasks WHERE run_id = '{runId}' AND status = 'cancelled'") == 1,
            "the timed-out task is cancelled", Runs.RunTime);
    }

    /// <summary>Where the runs stand, for a spec that timed out: the run view, the sagas, the tasks and what is still queued.</summary>
    private static async Task<string> DescribeAsync(RunningPlatform platform)
    {
        var lines = new List<string>();
        foreach (var (what, groups) in new[]
        {
            ("run view", "SELECT status AS k, count(*) AS n FROM workflow_runs GROUP BY 1"),
            ("sagas", "SELECT current_state || '/' || coalesce(outcome, '-') AS k, count(*) AS n FROM workflow_run_sagas GROUP BY 1"),
            ("tasks", "SELECT status AS k, count(*) AS n FROM tasks WHERE run_id IS NOT NULL GROUP BY 1"),
            ("undelivered", "SELECT 'outbox' AS k, count(*) AS n FROM outbox_messages UNION ALL SELECT 'scheduled', count(*) FROM scheduled_messages"),
            ("dead letters", "SELECT reason AS k, count(*) AS n FROM dead_letters GROUP BY 1"),
        })
        {
            lines.Add($"{what}: {await platform.Database.ScalarAsync<string>($"SELECT coalesce(string_agg(k || ' ' || n, ', '), 'none') FROM ({groups}) g")}");
        }

        return string.Join("\n", lines);
    }

    private static Task<long> CountAsync(RunningPlatform platform, string sql) => platform.Database.ScalarAsync<long>(sql);
}

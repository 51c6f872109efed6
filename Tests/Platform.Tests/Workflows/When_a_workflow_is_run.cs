using AgentLightning.Platform.Tests.Support;

namespace AgentLightning.Platform.Tests.Workflows;

/// <summary>
/// POST /workflows/{id}/runs → Workflow Engine's StartWorkflow → the coordinator's WorkflowRun saga → each step a
/// task of Workflow Engine's, run by AI Model → the saga's events → the run view. Every service a real process.
/// </summary>
[TestFixture]
public sealed class When_a_workflow_is_run
{
    [Test]
    public async Task Should_run_its_three_steps_in_order_and_complete()
    {
        var (platform, token) = (SharedPlatform.Platform, await SharedPlatform.Accounts.TokenAsync("operator"));
        var agent = await Runs.NewAgentAsync(platform, token);
        var workflow = await Runs.DefineAsync(platform, token,
            new { name = "gather", agentId = agent, description = "gather the facts" },
            new { name = "draft", agentId = agent, description = "draft the summary" },
            new { name = "review", agentId = agent, description = "review the draft" });

        var runId = await Runs.StartAsync(platform, token, workflow);
        var run = await Runs.WaitForEndAsync(platform, token, workflow, runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("completed"), run.GetRawText());
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.That(steps.Select(s => s.GetProperty("status").GetString()), Is.EqualTo(new[] { "completed", "completed", "completed" }), run.GetRawText());
        var tasks = await Runs.TasksOfAsync(platform, token, agent);
        Assert.That(tasks.Select(t => t.GetProperty("description").GetString()), Is.EqualTo(new[] { "gather the facts", "draft the summary", "review the draft" }),
            "one task per step, in the steps' order");
        Assert.That(tasks.Select(t => t.GetProperty("runId").GetString()), Is.All.EqualTo(runId));
        Assert.That(steps.Select(s => s.GetProperty("taskId").GetString()), Is.EqualTo(tasks.Select(t => t.GetProperty("id").GetString())));
    }

    [Test]
    public async Task Should_fail_on_a_step_whose_model_fails_and_undo_the_completed_steps_last_first()
    {
        var (platform, token) = (SharedPlatform.Platform, await SharedPlatform.Accounts.TokenAsync("operator"));
        var agent = await Runs.NewAgentAsync(platform, token);
        var failing = await Runs.NewAgentAsync(platform, token, failing: true);
        var workflow = await Runs.DefineAsync(platform, token,
            new { name = "reserve", agentId = agent, description = "reserve the room", compensation = "release the room" },
            new { name = "invite", agentId = agent, description = "invite the guests", compensation = "uninvite the guests" },
            new { name = "pay", agentId = failing, description = "pay the deposit", retryCount = 1 });

        var runId = await Runs.StartAsync(platform, token, workflow);
        var run = await Runs.WaitForEndAsync(platform, token, workflow, runId);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"), run.GetRawText());
        Assert.That(run.GetProperty("errorMessage").GetString(), Does.StartWith("step 'pay' failed after 2 attempt(s)"), run.GetRawText());
        Assert.That(run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()),
            Is.EqualTo(new[] { "completed", "completed", "failed" }), run.GetRawText());
        var paid = await Runs.TasksOfAsync(platform, token, failing);
        Assert.That(paid.Select(t => t.GetProperty("status").GetString()), Is.EqualTo(new[] { "failed", "failed" }), "the step and its one retry");
        var tasks = await Runs.TasksOfAsync(platform, token, agent);
        Assert.That(tasks.Select(t => $"{t.GetProperty("description").GetString()}:{t.GetProperty("status").GetString()}"), Is.EqualTo(new[]
        {
            "reserve the room:completed", "invite the guests:completed", "uninvite the guests:completed", "release the room:completed",
        }), "the compensations ran, the last step's first, before the run was reported failed");
        Assert.That(tasks.Concat(paid).Select(t => t.GetProperty("runId").GetString()), Is.All.EqualTo(runId));

        // The coordinator's inspection shows the same run: finished, through its compensation, every move in order.
        var saga = await platform.TransactionCoordinator.Client.GetJsonAsync($"/sagas/{runId}?limit=1000", token);
        var moves = saga.GetProperty("transitions").EnumerateArray().Select(t => $"{t.GetProperty("fromState").GetString()}>{t.GetProperty("toState").GetString()}").ToList();
        Assert.That(saga.GetProperty("type").GetString(), Is.EqualTo("WorkflowRunState"));
        Assert.That(saga.GetProperty("state").GetString(), Is.EqualTo("Final"), saga.GetRawText());
        Assert.That(moves, Does.Contain("Running>Compensating").And.Contain("Compensating>Final"), saga.GetRawText());
        Assert.That(moves[0], Does.StartWith("Initial>"));
        Assert.That(saga.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("sequence").GetInt64()), Is.Ordered.Ascending);
    }
}

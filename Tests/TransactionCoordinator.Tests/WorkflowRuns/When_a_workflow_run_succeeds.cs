using AgentLightning.Contracts.Workflows;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

public sealed class When_a_workflow_run_succeeds : RunHarness
{
    [Test]
    public async Task Should_run_its_steps_one_after_the_other_and_complete()
    {
        var run = await StartAsync(Step("a"), Step("b"), Step("c"));

        var a = await TaskForAsync(run, "do a");
        Assert.That(a.WorkflowId, Is.Not.Null);
        Assert.That(a.AgentId, Is.EqualTo("agent-a"));
        await QuietAsync();
        Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a" }), "b waits for a");
        await CompleteAsync(a, """{"n":1}""");
        await CompleteAsync(await TaskForAsync(run, "do b"));
        await CompleteAsync(await TaskForAsync(run, "do c"));

        var state = await StateAsync(run, "Final");
        Assert.That(state.Outcome, Is.EqualTo(WorkflowStatuses.Completed));
        Assert.That(state.DeadlineAt, Is.Null);
        Assert.That(state.DeadlineTokenId, Is.Null, "no timeout is left scheduled");
        Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a", "do b", "do c" }));
        Assert.That(RunEventLog.Names(Harness, run), Is.EqualTo("Started,StepCompleted(a),StepCompleted(b),StepCompleted(c),Completed"));
        Assert.That(Published<WorkflowStepCompleted>(e => e.RunId, run)[0].Result?.GetProperty("n").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_run_the_steps_of_a_parallel_group_together_and_go_on_when_all_completed()
    {
        var run = await StartAsync(Step("a"), Step("b", group: "g"), Step("c", group: "g"), Step("d"));
        await CompleteAsync(await TaskForAsync(run, "do a"));

        var b = await TaskForAsync(run, "do b");
        var c = await TaskForAsync(run, "do c");
        await CompleteAsync(c);
        await QuietAsync();
        Assert.That(TasksOf(run, "do d"), Is.Empty, "d waits for the whole group");
        await CompleteAsync(b);
        await CompleteAsync(await TaskForAsync(run, "do d"));

        Assert.That((await StateAsync(run, "Final")).Outcome, Is.EqualTo(WorkflowStatuses.Completed));
        Assert.That(RunEventLog.Names(Harness, run), Is.EqualTo("Started,StepCompleted(a),StepCompleted(c),StepCompleted(b),StepCompleted(d),Completed"));
    }
}

using AgentLightning.Contracts.Workflows;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

public sealed class When_a_workflow_run_fails : RunHarness
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public async Task Should_retry_the_step_then_undo_the_completed_steps_last_first(int failing)
    {
        var names = new[] { "a", "b", "c" };
        var run = await StartAsync([.. names.Select(n => Step(n, compensation: "undo " + n, retries: 1))]);
        foreach (var name in names[..failing])
        {
            await CompleteAsync(await TaskForAsync(run, "do " + name));
        }

        var failingStep = names[failing];
        await FailAsync(await TaskForAsync(run, "do " + failingStep), "first");
        await FailAsync(await TaskForAsync(run, "do " + failingStep, attempt: 2), "second");
        var undone = names[..failing].Reverse().ToList();
        foreach (var name in undone)
        {
            var undo = await TaskForAsync(run, "undo " + name);
            await QuietAsync();
            Assert.That(TaskOrder(run).Last(), Is.EqualTo("undo " + name), "one compensation at a time");
            await CompleteAsync(undo);
        }

        var state = await StateAsync(run, "Final");
        Assert.That(state.Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(state.ErrorMessage, Is.EqualTo($"step '{failingStep}' failed after 2 attempt(s): second"));
        Assert.That(TaskOrder(run), Is.EqualTo(names[..failing].Select(n => "do " + n)
            .Concat([$"do {failingStep}", $"do {failingStep}"]).Concat(undone.Select(n => "undo " + n))));
        var failed = Published<WorkflowFailed>(e => e.RunId, run).Single();
        Assert.That(failed.StepIndex, Is.EqualTo(failing));
        Assert.That(RunEventLog.Names(Harness, run), Does.EndWith($"Failed({failing})"));
    }

    [Test]
    public async Task Should_undo_only_the_steps_that_define_a_compensation()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b"), Step("c"));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        await CompleteAsync(await TaskForAsync(run, "do b"));
        await FailAsync(await TaskForAsync(run, "do c"));
        await CompleteAsync(await TaskForAsync(run, "undo a"));

        Assert.That((await StateAsync(run, "Final")).Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a", "do b", "do c", "undo a" }));
    }

    [Test]
    public async Task Should_go_on_with_the_other_compensations_when_one_fails_and_report_it()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", "undo b", retries: 1), Step("c"));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        await CompleteAsync(await TaskForAsync(run, "do b"));
        await FailAsync(await TaskForAsync(run, "do c"), "c broke");
        await FailAsync(await TaskForAsync(run, "undo b"), "no");
        await FailAsync(await TaskForAsync(run, "undo b", attempt: 2), "still no");
        await CompleteAsync(await TaskForAsync(run, "undo a"));

        var state = await StateAsync(run, "Final");
        Assert.That(state.Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(state.ErrorMessage, Is.EqualTo("step 'c' failed after 1 attempt(s): c broke; compensation failed for 'b' (still no)"));
        Assert.That(Published<WorkflowFailed>(e => e.RunId, run).Single().ErrorMessage, Is.EqualTo(state.ErrorMessage));
    }

    [Test]
    public async Task Should_cancel_the_other_tasks_of_its_parallel_group_and_undo_the_completed_ones()
    {
        var run = await StartAsync(Step("a", "undo a", group: "g"), Step("b", "undo b", group: "g"), Step("c", "undo c", group: "g"));
        var a = await TaskForAsync(run, "do a");
        var b = await TaskForAsync(run, "do b");
        var c = await TaskForAsync(run, "do c");
        await CompleteAsync(a);
        await FailAsync(b);

        await CompleteAsync(await TaskForAsync(run, "undo a"));
        Assert.That((await StateAsync(run, "Final")).Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(Cancels().Select(x => x.TaskId), Is.EqualTo(new[] { c.TaskId }), "c's task is cancelled; b's failed, a's completed");
        Assert.That(TasksOf(run, "undo c"), Is.Empty, "c never completed");
    }
}

using AgentLightning.Contracts.Workflows;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.WorkflowRuns;

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
        await QuietAsync();
        Assert.That(Cancels().Select(x => x.TaskId), Is.EqualTo(new[] { c.TaskId }), "c's task is cancelled; b's failed, a's completed");
        Assert.That(TasksOf(run, "undo a"), Is.Empty, "nothing is undone while c may still complete: it would be undone first");

        await CancelledAsync(c);
        await CompleteAsync(await TaskForAsync(run, "undo a"));
        Assert.That((await StateAsync(run, "Final")).Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(TasksOf(run, "undo c"), Is.Empty, "c never completed");
    }

    [Test]
    public async Task Should_undo_a_cancelled_task_that_completed_before_the_cancel_reached_it_first()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", "undo b", group: "g"), Step("c", "undo c", group: "g"));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        var c = await TaskForAsync(run, "do c");
        await FailAsync(await TaskForAsync(run, "do b"));

        await CompleteAsync(c, """{"done":true}""");
        await CompleteAsync(await TaskForAsync(run, "undo c"));
        await CompleteAsync(await TaskForAsync(run, "undo a"));

        Assert.That((await StateAsync(run, "Final")).Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a", "do b", "do c", "undo c", "undo a" }));
        Assert.That(RunEventLog.Names(Harness, run), Is.EqualTo("Started,StepCompleted(a),StepCompleted(c),Failed(1)"));
    }

    [Test]
    public async Task Should_give_up_on_a_cancelled_task_that_never_answers_and_end()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", group: "g"), Step("c", group: "g", timeout: TimeSpan.FromSeconds(1)));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        await TaskForAsync(run, "do c");
        await FailAsync(await TaskForAsync(run, "do b"));

        await CompleteAsync(await TaskForAsync(run, "undo a"));
        var state = await StateAsync(run, "Final");
        Assert.That(state.Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(state.Steps, Does.Contain("no answer to its cancel within 1 s"));
    }

    [Test]
    public async Task Should_undo_a_given_up_task_that_completes_after_the_run_ended_and_end_again()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", group: "g"), Step("c", "undo c", group: "g", timeout: TimeSpan.FromSeconds(1)));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        var c = await TaskForAsync(run, "do c");
        await FailAsync(await TaskForAsync(run, "do b"));
        await CompleteAsync(await TaskForAsync(run, "undo a"));
        await StateAsync(run, "Final");

        await CompleteAsync(c, """{"late":true}""");
        await CompleteAsync(await TaskForAsync(run, "undo c"));

        var state = await StateAsync(run, "Final");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Outcome, Is.EqualTo(WorkflowStatuses.Failed));
            Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a", "do b", "do c", "undo a", "undo c" }));
            Assert.That(RunEventLog.Names(Harness, run), Is.EqualTo("Started,StepCompleted(a),Failed(1),StepCompleted(c),Failed(1)"));
            Assert.That(state.Steps, Does.Contain(RunStepStatuses.Compensated).And.Contain("late"));
        }
    }

    [Test]
    public async Task Should_show_a_given_up_task_without_compensation_that_completes_after_the_run_ended_as_completed()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", group: "g"), Step("c", group: "g", timeout: TimeSpan.FromSeconds(1)));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        var c = await TaskForAsync(run, "do c");
        await FailAsync(await TaskForAsync(run, "do b"));
        await CompleteAsync(await TaskForAsync(run, "undo a"));
        await StateAsync(run, "Final");

        await CompleteAsync(c);
        await CompleteAsync(c);

        await Eventually.Until(() => RunEventLog.Names(Harness, run).EndsWith("StepCompleted(c),Failed(1)", StringComparison.Ordinal), "the late completion shown");
        await QuietAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await StateAsync(run, "Final")).Outcome, Is.EqualTo(WorkflowStatuses.Failed));
            Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a", "do b", "do c", "undo a" }), "nothing to undo");
            Assert.That(RunEventLog.Names(Harness, run), Is.EqualTo("Started,StepCompleted(a),Failed(1),StepCompleted(c),Failed(1)"), "the repeated completion changes nothing");
        }
    }

    [Test]
    public async Task Should_retry_a_step_whose_task_was_refused_at_once_then_fail()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", retries: 1));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        await RefuseAsync(await TaskForAsync(run, "do b"), "the agent agent-b does not exist");
        await RefuseAsync(await TaskForAsync(run, "do b", attempt: 2), "the agent agent-b does not exist");
        await CompleteAsync(await TaskForAsync(run, "undo a"));

        var state = await StateAsync(run, "Final");
        Assert.That(state.ErrorMessage, Is.EqualTo("step 'b' failed after 2 attempt(s): CreateTask refused by workflow-engine: the agent agent-b does not exist"));
        Assert.That(Cancels(), Is.Empty, "a refused task never existed");
    }

    [Test]
    public async Task Should_ignore_the_refusal_of_a_command_that_is_not_a_current_task()
    {
        var run = await StartAsync(Step("a", retries: 1));
        var first = await TaskForAsync(run, "do a");
        await FailAsync(first);
        await TaskForAsync(run, "do a", attempt: 2);

        await RefuseAsync(first, "too late to matter");
        await QuietAsync();
        Assert.That((await StateAsync(run, "Running")).Steps, Does.Not.Contain("too late to matter"));
    }
}

using AgentLightning.Contracts.Workflows;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

public sealed class When_a_workflow_run_is_cancelled : RunHarness
{
    [Test]
    public async Task Should_cancel_its_running_tasks_and_undo_the_completed_steps()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", "undo b"), Step("c", "undo c"));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        await CompleteAsync(await TaskForAsync(run, "do b"));
        var c = await TaskForAsync(run, "do c");

        await CancelAsync(run, "operator said so");
        await StateAsync(run, "Compensating");
        await CancelledAsync(c);
        await CompleteAsync(await TaskForAsync(run, "undo b"));
        await CompleteAsync(await TaskForAsync(run, "undo a"));

        var state = await StateAsync(run, "Final");
        Assert.That(state.Outcome, Is.EqualTo(WorkflowStatuses.Cancelled));
        Assert.That(Cancels().Select(x => x.TaskId), Is.EqualTo(new[] { c.TaskId }));
        Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a", "do b", "do c", "undo b", "undo a" }));
        Assert.That(Published<WorkflowCancelled>(e => e.RunId, run).Single().Reason, Is.EqualTo("operator said so"));
        Assert.That(RunEventLog.Names(Harness, run), Is.EqualTo("Started,StepCompleted(a),StepCompleted(b),Cancelled"));
    }

    [Test]
    public async Task Should_ignore_a_second_cancel_while_compensating_and_any_after_the_end()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b"));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        var b = await TaskForAsync(run, "do b");
        await CancelAsync(run, "first");
        await StateAsync(run, "Compensating");
        await CancelledAsync(b);
        var undo = await TaskForAsync(run, "undo a");

        await CancelAsync(run, "second");
        await CompleteAsync(undo);
        await StateAsync(run, "Final");
        await CancelAsync(run, "third");
        await QuietAsync();

        Assert.That(TasksOf(run, "undo a"), Has.Count.EqualTo(1));
        Assert.That(Published<WorkflowCancelled>(e => e.RunId, run).Single().Reason, Is.EqualTo("first"));
        Assert.That(Harness.Published.Select<MassTransit.Fault>(RunHarness.SoFar).Any(), Is.False, "nothing faulted");
    }
}

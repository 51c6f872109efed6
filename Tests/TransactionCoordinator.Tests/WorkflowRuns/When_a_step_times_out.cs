using AgentLightning.Contracts.Workflows;
using AgentLightning.Testing;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

public sealed class When_a_step_times_out : RunHarness
{
    [Test]
    public async Task Should_cancel_its_task_and_retry_it_then_fail_and_compensate()
    {
        var run = await StartAsync(Step("a", "undo a"), Step("b", retries: 1, timeout: TimeSpan.FromSeconds(1)));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        var first = await TaskForAsync(run, "do b");

        var second = await TaskForAsync(run, "do b", attempt: 2);
        Assert.That(Cancels().Select(x => x.TaskId), Is.EqualTo(new[] { first.TaskId }), "the timed-out task is cancelled");
        await CompleteAsync(await TaskForAsync(run, "undo a"));

        var state = await StateAsync(run, "Final");
        Assert.That(state.Outcome, Is.EqualTo(WorkflowStatuses.Failed));
        Assert.That(state.ErrorMessage, Is.EqualTo("step 'b' failed after 2 attempt(s): timed out after 1 s"));
        Assert.That(Cancels().Select(x => x.TaskId), Is.EqualTo(new[] { first.TaskId, second.TaskId }));
    }

    [Test]
    public async Task Should_not_fire_for_a_step_that_completed_in_time()
    {
        var run = await StartAsync(Step("a", timeout: TimeSpan.FromSeconds(1)), Step("b", timeout: TimeSpan.FromSeconds(30)));
        var aDeadline = DateTime.UtcNow.AddSeconds(1);
        await CompleteAsync(await TaskForAsync(run, "do a"));
        await TaskForAsync(run, "do b");

        // What is checked is an absence: a's deadline must have passed first.
        await Eventually.Until(() => DateTime.UtcNow > aDeadline.AddSeconds(1), "a's deadline has passed");
        await QuietAsync();
        Assert.That(Cancels(), Is.Empty);
        Assert.That((await StateAsync(run, "Running")).DeadlineAt, Is.GreaterThan(DateTime.UtcNow.AddSeconds(20)), "the timeout moved on to b's deadline");
    }

    [Test]
    public async Task Should_count_a_compensation_that_times_out_as_failed_and_end()
    {
        var run = await StartAsync(Step("a", "undo a", timeout: TimeSpan.FromSeconds(1)), Step("b"));
        await CompleteAsync(await TaskForAsync(run, "do a"));
        await FailAsync(await TaskForAsync(run, "do b"));
        var undo = await TaskForAsync(run, "undo a");

        var state = await StateAsync(run, "Final");
        Assert.That(state.ErrorMessage, Does.EndWith("compensation failed for 'a' (timed out after 1 s)"));
        Assert.That(Cancels().Select(x => x.TaskId), Is.EqualTo(new[] { undo.TaskId }));
    }
}

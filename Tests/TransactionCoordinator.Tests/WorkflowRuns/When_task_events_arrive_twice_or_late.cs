using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

public sealed class When_task_events_arrive_twice_or_late : RunHarness
{
    [Test]
    public async Task Should_advance_once_when_a_completion_arrives_twice()
    {
        var run = await StartAsync(Step("a"), Step("b"));
        var a = await TaskForAsync(run, "do a");

        await CompleteAsync(a);
        await CompleteAsync(a);
        await TaskForAsync(run, "do b");
        await QuietAsync();

        Assert.That(TasksOf(run, "do b"), Has.Count.EqualTo(1));
        Assert.That(RunEventLog.Names(Harness, run), Is.EqualTo("Started,StepCompleted(a)"));
    }

    [Test]
    public async Task Should_ignore_the_completion_of_an_attempt_its_retry_replaced()
    {
        var run = await StartAsync(Step("a", retries: 1), Step("b"));
        var first = await TaskForAsync(run, "do a");
        await FailAsync(first);
        var second = await TaskForAsync(run, "do a", attempt: 2);

        await CompleteAsync(first);
        await QuietAsync();
        Assert.That(TasksOf(run, "do b"), Is.Empty, "only the current attempt's task counts");

        await CompleteAsync(second);
        await TaskForAsync(run, "do b");
        Assert.That(Published<WorkflowStepCompleted>(e => e.RunId, run).Single().TaskId, Is.EqualTo(second.TaskId));
    }

    [Test]
    public async Task Should_ignore_every_message_after_the_run_finished()
    {
        var run = await StartAsync(Step("a", "undo a"));
        var a = await TaskForAsync(run, "do a");
        await CompleteAsync(a);
        await StateAsync(run, "Final");
        var events = RunEventLog.Of(Harness, run).Count;

        await FailAsync(a);
        await CompleteAsync(a);
        await Harness.Bus.Publish(new TaskCancelled { TaskId = a.TaskId, AgentId = a.AgentId, RunId = run, Version = 4, OccurredAt = DateTimeOffset.UtcNow });
        await Harness.Bus.Publish(new StartWorkflow { RunId = run, WorkflowId = Guid.NewGuid(), Name = "again", Steps = [Step("x")] });
        await QuietAsync();

        Assert.That((await StateAsync(run, "Final")).Outcome, Is.EqualTo(WorkflowStatuses.Completed));
        Assert.That(RunEventLog.Of(Harness, run), Has.Count.EqualTo(events));
        Assert.That(TaskOrder(run), Is.EqualTo(new[] { "do a" }));
        Assert.That(Harness.Published.Select<Fault>(RunHarness.SoFar).Any(), Is.False, "nothing faulted");
    }

    [Test]
    public async Task Should_drop_the_events_of_tasks_of_no_run()
    {
        var task = Guid.NewGuid();
        await Harness.Bus.Publish(new TaskCompleted { TaskId = task, AgentId = "x", Version = 2, OccurredAt = DateTimeOffset.UtcNow });

        Assert.That(await Harness.Consumed.Any<TaskCompleted>(m => m.Context.Message.TaskId == task), Is.True);
        await QuietAsync();
        Assert.That(Harness.Published.Select<Fault>(RunHarness.SoFar).Any(), Is.False, "consumed, not faulted");
    }
}

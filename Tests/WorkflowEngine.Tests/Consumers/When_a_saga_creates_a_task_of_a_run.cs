using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Consumers;

/// <summary>The WorkflowRun saga creates a step's task with its run id and follows the task's events by it.</summary>
public sealed class When_a_saga_creates_a_task_of_a_run
{
    [Test]
    public async Task Should_keep_the_run_on_the_task_and_put_it_on_every_event_of_the_task()
    {
        var agent = await Platform.AgentAsync();
        var runId = Guid.NewGuid();
        var completed = new CreateTask { TaskId = Guid.NewGuid(), AgentId = agent, Description = "step one", RunId = runId };
        var failed = completed with { TaskId = Guid.NewGuid(), Description = "step two" };
        var cancelled = completed with { TaskId = Guid.NewGuid(), Description = "step three" };
        foreach (var create in new[] { completed, failed, cancelled })
        {
            await Commands.UntilConsumedAsync(await Platform.SendAsync(create));
        }

        await Commands.UntilConsumedAsync(await Platform.SendAsync(new StartTask { TaskId = completed.TaskId }));
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new CompleteTask { TaskId = completed.TaskId }));
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new FailTask { TaskId = failed.TaskId, ErrorMessage = "no" }));
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new CancelTask { TaskId = cancelled.TaskId }));

        Assert.That((await GetTaskAsync(completed.TaskId)).Text("runId"), Is.EqualTo(runId.ToString()));
        await Eventually.Until(() => Platform.Received.All<TaskCancelled>(e => e.TaskId == cancelled.TaskId).Count == 1, "the events are published");
        await Eventually.Until(() => Platform.Received.All<TaskCompleted>(e => e.TaskId == completed.TaskId).Count == 1, "the events are published");
        await Eventually.Until(() => Platform.Received.All<TaskFailed>(e => e.TaskId == failed.TaskId).Count == 1, "the events are published");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Platform.Received.All<TaskCreated>(e => e.TaskId == completed.TaskId).Single().RunId, Is.EqualTo(runId));
            Assert.That(Platform.Received.All<TaskStarted>(e => e.TaskId == completed.TaskId).Single().RunId, Is.EqualTo(runId));
            Assert.That(Platform.Received.All<TaskCompleted>(e => e.TaskId == completed.TaskId).Single().RunId, Is.EqualTo(runId));
            Assert.That(Platform.Received.All<TaskFailed>(e => e.TaskId == failed.TaskId).Single().RunId, Is.EqualTo(runId));
            Assert.That(Platform.Received.All<TaskCancelled>(e => e.TaskId == cancelled.TaskId).Single().RunId, Is.EqualTo(runId));
        }
    }
}

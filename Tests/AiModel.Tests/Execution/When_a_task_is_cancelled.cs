using AgentLightning.AiModel.Execution;
using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AiModel.Tests.Execution;

/// <summary>Workflow Engine cancelled the task (TaskCancelled): AI Model stops it, waiting or running, on any instance.</summary>
public sealed class When_a_task_is_cancelled() : ProbedPlatform(instances: 2, TimeSpan.FromMilliseconds(50))
{
    protected override Task CreateModelsAsync() => Platform.CreateModelAsync("single", maxConcurrentTasks: 1, providerModel: "single");

    private bool RunsAnywhere(Guid taskId) =>
        Enumerable.Range(0, 2).Any(i => Platform.Instance(i).Services.GetRequiredService<ExecutionRunner>().Running.Contains(taskId));

    private Task<long> ConsumedAsync() => Platform.Database.ScalarAsync<long>("SELECT count(*) FROM inbox_state");

    private static TaskCancelled Cancelled(Guid taskId) =>
        new() { TaskId = taskId, AgentId = "agent-1", Reason = "no longer needed", Version = 3, OccurredAt = DateTimeOffset.UtcNow };

    [Test]
    public async Task Should_stop_a_running_task_and_report_nothing_more()
    {
        var running = AiModelPlatform.Task("single", "hold-running");
        await Platform.SendAsync(running);
        await Eventually.Until(() => RunsAnywhere(running.TaskId), "the task runs");

        await Platform.PublishAsync(Cancelled(running.TaskId));
        await Eventually.Until(async () => !RunsAnywhere(running.TaskId) && await Platform.QueuedAsync(running.TaskId) == 0, "the task stopped and left the queue");
        await Eventually.Until(async () => await Platform.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages") == 0, "the outbox is empty");

        Assert.That(Platform.Received.OutcomeOf(running.TaskId), Is.Null, "neither completed nor failed");
    }

    [Test]
    public async Task Should_never_start_a_waiting_task()
    {
        var blocker = AiModelPlatform.Task("single", "hold-blocker");
        var waiting = AiModelPlatform.Task("single", "waiting");
        await Platform.SendAsync(blocker);
        await Eventually.Until(() => RunsAnywhere(blocker.TaskId), "the blocker runs");
        await Platform.SendAsync(waiting);
        await Eventually.Until(async () => await Platform.QueuedAsync(waiting.TaskId) == 1, "the second task waits");

        await Platform.PublishAsync(Cancelled(waiting.TaskId));
        await Eventually.Until(async () => await Platform.QueuedAsync(waiting.TaskId) == 0, "the waiting task left the queue");
        Probe.Release(blocker.Description);
        await Platform.UntilOutcomeAsync(blocker.TaskId);
        var after = AiModelPlatform.Task("single", "after");
        await Platform.SendAsync(after);
        await Platform.UntilOutcomeAsync(after.TaskId);

        Assert.That(Platform.Received.Of(waiting.TaskId), Is.Empty, "never started");
        Assert.That(Probe.Starts.Select(s => s.Description), Does.Not.Contain("waiting"));
    }

    /// <summary>TaskCancelled and ExecuteTask travel on different queues, so the cancel can be consumed first.</summary>
    [Test]
    public async Task Should_never_run_a_task_whose_cancel_overtook_it()
    {
        var task = AiModelPlatform.Task("single", "overtaken");
        var consumed = await ConsumedAsync();
        await Platform.PublishAsync(Cancelled(task.TaskId));
        await Eventually.Until(async () => await ConsumedAsync() > consumed, "the cancel was consumed");
        await Platform.SendAsync(task);
        await Eventually.Until(async () => await ConsumedAsync() > consumed + 1, "the ExecuteTask was consumed");

        // Queued behind it (same model, one slot): once this one is done, the overtaken one would have run.
        var after = AiModelPlatform.Task("single", "after the overtaken");
        await Platform.SendAsync(after);
        await Platform.UntilOutcomeAsync(after.TaskId);

        Assert.That(Platform.Received.Of(task.TaskId), Is.Empty, "never started, completed or failed");
        Assert.That(Probe.Starts.Select(s => s.Description), Does.Not.Contain("overtaken"));
    }
}

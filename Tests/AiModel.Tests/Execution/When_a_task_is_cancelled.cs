using AgentLightning.AiModel.Execution;
using AgentLightning.AiModel.Providers;
using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AiModel.Tests.Execution;

/// <summary>Workflow Engine cancelled the task (TaskCancelled): AI Model stops it, waiting or running, on any instance.</summary>
public sealed class When_a_task_is_cancelled
{
    private readonly ProbeProvider _probe = new(TimeSpan.FromMilliseconds(50));
    private AiModelPlatform _platform = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await AiModelPlatform.StartAsync(instances: 2, configure: b => b.Services.AddSingleton<ICompletionProvider>(_probe));
        await _platform.CreateModelAsync("single", maxConcurrentTasks: 1, providerModel: "single");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _probe.ReleaseAll();
        await _platform.DisposeAsync();
    }

    private bool RunsAnywhere(Guid taskId) =>
        Enumerable.Range(0, 2).Any(i => _platform.Instance(i).Services.GetRequiredService<ExecutionRunner>().Running.Contains(taskId));

    private static TaskCancelled Cancelled(Guid taskId) =>
        new() { TaskId = taskId, AgentId = "agent-1", Reason = "no longer needed", Version = 3, OccurredAt = DateTimeOffset.UtcNow };

    [Test]
    public async Task Should_stop_a_running_task_and_report_nothing_more()
    {
        var running = AiModelPlatform.Task("single", "hold-running");
        await _platform.SendAsync(running);
        await Eventually.Until(() => RunsAnywhere(running.TaskId), "the task runs");

        await _platform.PublishAsync(Cancelled(running.TaskId));
        await Eventually.Until(async () => !RunsAnywhere(running.TaskId) && await _platform.QueuedAsync(running.TaskId) == 0, "the task stopped and left the queue");
        await Eventually.Until(async () => await _platform.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages") == 0, "the outbox is empty");

        Assert.That(_platform.Received.OutcomeOf(running.TaskId), Is.Null, "neither completed nor failed");
    }

    [Test]
    public async Task Should_never_start_a_waiting_task()
    {
        var blocker = AiModelPlatform.Task("single", "hold-blocker");
        var waiting = AiModelPlatform.Task("single", "waiting");
        await _platform.SendAsync(blocker);
        await Eventually.Until(() => RunsAnywhere(blocker.TaskId), "the blocker runs");
        await _platform.SendAsync(waiting);
        await Eventually.Until(async () => await _platform.QueuedAsync(waiting.TaskId) == 1, "the second task waits");

        await _platform.PublishAsync(Cancelled(waiting.TaskId));
        await Eventually.Until(async () => await _platform.QueuedAsync(waiting.TaskId) == 0, "the waiting task left the queue");
        _probe.Release(blocker.Description);
        await _platform.UntilOutcomeAsync(blocker.TaskId);
        var after = AiModelPlatform.Task("single", "after");
        await _platform.SendAsync(after);
        await _platform.UntilOutcomeAsync(after.TaskId);

        Assert.That(_platform.Received.Of(waiting.TaskId), Is.Empty, "never started");
        Assert.That(_probe.Starts.Select(s => s.Description), Does.Not.Contain("waiting"));
    }
}

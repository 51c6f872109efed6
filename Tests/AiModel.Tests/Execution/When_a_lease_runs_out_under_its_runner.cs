using AgentLightning.AiModel.Execution;
using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AiModel.Tests.Execution;

/// <summary>
/// The instance running a task failed to renew its lease in time (PostgreSQL away for longer than the lease), so
/// its own claim loop finds the row claimable again while the provider still runs: it must not run it twice.
/// </summary>
public sealed class When_a_lease_runs_out_under_its_runner() : ProbedPlatform(instances: 1, TimeSpan.FromMilliseconds(20), new Dictionary<string, string?>
{
    // No renewal during the spec: the lease runs out only because the spec says so.
    ["AiModel:Execution:RenewInterval"] = "00:10:00",
    ["AiModel:Execution:LeaseDuration"] = "00:30:00",
})
{
    protected override Task CreateModelsAsync() => Platform.CreateModelAsync("lapsed", providerModel: "lapsed");

    [Test]
    public async Task Should_keep_running_it_once_and_report_once()
    {
        var task = AiModelPlatform.Task("lapsed", "hold-lapsed");
        await Platform.SendAsync(task);
        var runner = Platform.Instance(0).Services.GetRequiredService<ExecutionRunner>();
        await Eventually.Until(() => runner.Running.Contains(task.TaskId), "the task runs");

        await Platform.Database.ExecuteAsync($"UPDATE model_executions SET lease_until = now() - interval '1 second' WHERE task_id = '{task.TaskId}'");
        await Eventually.Until(async () => await Platform.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM model_executions WHERE task_id = '{task.TaskId}' AND attempts = 2 AND lease_until > now()") == 1, "the row was claimed again");
        Probe.Release(task.Description);
        await Platform.UntilOutcomeAsync(task.TaskId);

        Assert.That(Probe.Starts.Count(s => s.Description == task.Description), Is.EqualTo(1), "the provider ran it once");
        Assert.That(Platform.Received.Of(task.TaskId).Count(c => c is CompleteTask), Is.EqualTo(1));
        await Eventually.Until(async () => await Platform.QueuedAsync(task.TaskId) == 0, "the row left the queue");
    }

    /// <summary>A task whose runs keep dying (its outcome never commits, or it takes the process down) is not run forever.</summary>
    [Test]
    public async Task Should_fail_a_task_whose_runs_keep_dying()
    {
        var task = AiModelPlatform.Task("lapsed", "doomed");
        var other = AiModelPlatform.Task("lapsed", "hold-blocker");
        await Platform.SendAsync(other);
        var runner = Platform.Instance(0).Services.GetRequiredService<ExecutionRunner>();
        await Eventually.Until(() => runner.Running.Contains(other.TaskId), "the blocker runs");

        // As if it had been claimed five times by instances that died under it.
        await Platform.Database.ExecuteAsync($"""
            INSERT INTO model_executions (task_id, model, agent_id, description, priority, status, attempts, lease_owner, lease_until, enqueued_at)
            VALUES ('{task.TaskId}', 'lapsed', 'agent-1', 'doomed', 0, 'running', 5, 'gone', now() - interval '1 second', now())
            """);
        var outcome = await Platform.UntilOutcomeAsync(task.TaskId);
        Probe.Release(other.Description);

        Assert.That(outcome, Is.TypeOf<FailTask>());
        Assert.That(((FailTask)outcome).ErrorMessage, Does.Contain("5 attempts"));
        Assert.That(Probe.Starts.Select(s => s.Description), Does.Not.Contain("doomed"));
        Assert.That(await Platform.QueuedAsync(task.TaskId), Is.Zero);
    }
}

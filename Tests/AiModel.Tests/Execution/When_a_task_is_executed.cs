using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Tasks;

namespace AgentLightning.AiModel.Tests.Execution;

public sealed class When_a_task_is_executed
{
    private AiModelPlatform _platform = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _platform = await AiModelPlatform.StartAsync(instances: 1);
        await _platform.CreateModelAsync("local-echo");
        await _platform.CreateModelAsync("local-broken", providerModel: "always-fail");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _platform.DisposeAsync();

    [Test]
    public async Task Should_start_it_report_progress_and_complete_it_on_the_local_provider()
    {
        var task = AiModelPlatform.Task("local-echo", "write a haiku");

        await _platform.SendAsync(task);
        var outcome = await _platform.UntilOutcomeAsync(task.TaskId);

        var commands = _platform.Received.Of(task.TaskId);
        Assert.That(commands.Select(c => c.GetType().Name), Is.EqualTo(new[] { "StartTask", "ReportTaskProgress", "CompleteTask" }));
        var result = ((CompleteTask)outcome).Result!.Value;
        Assert.Multiple(async () =>
        {
            Assert.That(result.GetProperty("text").GetString(), Is.EqualTo("[echo] done: write a haiku"));
            Assert.That(result.GetProperty("provider").GetString(), Is.EqualTo("local"));
            Assert.That(((ReportTaskProgress)commands[1]).Percent, Is.EqualTo(50));
            Assert.That(await _platform.QueuedAsync(task.TaskId), Is.Zero, "the finished task left the queue with its CompleteTask");
        });
    }

    [Test]
    public async Task Should_give_the_same_result_for_the_same_task_text()
    {
        var first = AiModelPlatform.Task("local-echo", "same words");
        var second = AiModelPlatform.Task("local-echo", "same words");

        await _platform.SendAsync(first);
        await _platform.SendAsync(second);
        var a = (CompleteTask)await _platform.UntilOutcomeAsync(first.TaskId);
        var b = (CompleteTask)await _platform.UntilOutcomeAsync(second.TaskId);

        Assert.That(a.Result!.Value.GetRawText(), Is.EqualTo(b.Result!.Value.GetRawText()));
    }

    [Test]
    public async Task Should_fail_a_task_whose_model_does_not_exist_saying_so()
    {
        var task = AiModelPlatform.Task("no-such-model");

        await _platform.SendAsync(task);
        var outcome = await _platform.UntilOutcomeAsync(task.TaskId);

        Assert.That(outcome, Is.TypeOf<FailTask>());
        Assert.That(((FailTask)outcome).ErrorMessage, Does.Contain("model 'no-such-model' does not exist"));
        Assert.That(_platform.Received.Of(task.TaskId), Has.Count.EqualTo(1), "it never started");
    }

    [Test]
    public async Task Should_fail_a_task_on_a_failing_model_with_the_providers_reason()
    {
        var task = AiModelPlatform.Task("local-broken");

        await _platform.SendAsync(task);
        var outcome = await _platform.UntilOutcomeAsync(task.TaskId);

        Assert.That(outcome, Is.TypeOf<FailTask>());
        Assert.That(((FailTask)outcome).ErrorMessage, Is.EqualTo("local model 'local-broken' failed: the local model 'always-fail' is configured to fail"));
    }

    [Test]
    public async Task Should_run_a_task_once_when_its_command_is_delivered_twice()
    {
        var task = AiModelPlatform.Task("local-echo");

        // A redelivery keeps its message id: the inbox lets it take effect once.
        var messageId = Guid.NewGuid();
        await _platform.SendAsync(task, messageId);
        await _platform.SendAsync(task, messageId);
        await _platform.UntilOutcomeAsync(task.TaskId);
        var marker = AiModelPlatform.Task("local-echo");
        await _platform.SendAsync(marker);
        await _platform.UntilOutcomeAsync(marker.TaskId);

        Assert.That(_platform.Received.Of(task.TaskId).OfType<StartTask>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_take_over_a_task_whose_instance_died_once_its_lease_expires()
    {
        // What a crashed instance leaves: a running row under its name, which nobody renews.
        var task = AiModelPlatform.Task("local-echo", "orphaned work");
        await _platform.Database.ExecuteAsync($"""
            INSERT INTO model_executions (task_id, model, agent_id, description, priority, status, lease_owner, lease_until, attempts, enqueued_at)
            VALUES ('{task.TaskId}', 'local-echo', 'agent-1', 'orphaned work', 0, 'running', 'crashed-instance', now() + interval '1 second', 1, now())
            """);

        var outcome = await _platform.UntilOutcomeAsync(task.TaskId);

        Assert.That(outcome, Is.TypeOf<CompleteTask>());
        Assert.That(_platform.Received.Of(task.TaskId).OfType<StartTask>(), Is.Empty, "it had started already: no second StartTask");
    }
}

using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>
/// Task events as Workflow Engine publishes them and run events as the Transaction Coordinator's WorkflowRun saga does,
/// through the real broker to the service's metrics queue.
/// </summary>
public sealed class When_agent_metrics_events_arrive : CommandFixture
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Should_count_a_task_once_when_its_event_is_delivered_twice_with_the_same_message_id()
    {
        var agent = Samples.AgentId();
        var completed = Completed(agent, Noon);

        var id = await PublishAsync(completed);
        await PublishAsync(completed, id);
        await Eventually.Until(() => Deliveries.CountOf(id) == 2, "both copies are consumed");

        Assert.That(await MetricsAsync(agent), Is.EqualTo(new AgentMetricsReading(1, 0, Noon, 0)));
    }

    /// <summary>A re-publish the inbox cannot recognise (a replayed letter, a retried publish): the task still counts once.</summary>
    [Test]
    public async Task Should_count_a_task_once_when_its_end_is_published_again_under_a_new_message_id()
    {
        var agent = Samples.AgentId();
        var completed = Completed(agent, Noon);

        var first = await PublishAsync(completed);
        var again = await PublishAsync(completed);
        await Eventually.Until(() => Deliveries.CountOf(first) == 1 && Deliveries.CountOf(again) == 1, "both copies are consumed");

        Assert.That(await MetricsAsync(agent), Is.EqualTo(new AgentMetricsReading(1, 0, Noon, 0)));
    }

    /// <summary>The metrics are cached (none, then each count): the read right after the consumer's commit is never the old one.</summary>
    [Test]
    public async Task Should_show_each_task_end_to_the_first_read_after_it_is_consumed()
    {
        var agent = Samples.AgentId();
        Assert.That(await MetricsAsync(agent), Is.EqualTo(AgentMetricsReading.None));

        for (var i = 1; i <= 3; i++)
        {
            var id = await PublishAsync(Completed(agent, Noon.AddMinutes(i)));
            await Eventually.Until(() => Deliveries.CountOf(id) == 1, "the end is consumed");

            Assert.That(await MetricsAsync(agent), Is.EqualTo(new AgentMetricsReading(i, 0, Noon.AddMinutes(i), 0)), $"task end {i}");
        }
    }

    [Test]
    public async Task Should_keep_counts_and_the_latest_activity_whatever_the_order_of_the_events()
    {
        var agent = Samples.AgentId();
        var ids = new[]
        {
            await PublishAsync(new TaskFailed { TaskId = Guid.NewGuid(), AgentId = agent, ErrorMessage = "boom", Version = 3, OccurredAt = Noon.AddMinutes(30) }),
            await PublishAsync(Completed(agent, Noon.AddMinutes(10))),
            await PublishAsync(Completed(agent, Noon.AddMinutes(20).ToOffset(TimeSpan.FromHours(2)))),
        };
        await Eventually.Until(() => ids.All(m => Deliveries.CountOf(m) == 1), "every event is consumed");

        var metrics = await MetricsAsync(agent);

        Assert.That(metrics, Is.EqualTo(new AgentMetricsReading(2, 1, Noon.AddMinutes(30), 0)));
        Assert.That(metrics.SuccessRate, Is.EqualTo(2.0 / 3).Within(1e-9));
    }

    [Test]
    public async Task Should_make_a_runs_agents_busy_until_it_ends()
    {
        var (first, second) = (Samples.AgentId(), Samples.AgentId());
        var run = Guid.NewGuid();

        await DeliverAsync(Started(run, Guid.NewGuid(), first, second, first));
        await DeliverAsync(Started(Guid.NewGuid(), Guid.NewGuid(), second));
        var whileRunning = (await MetricsAsync(first), await MetricsAsync(second));
        var completed = Ended(run);
        var ends = new[] { await PublishAsync(completed), await PublishAsync(completed) };
        await Eventually.Until(() => ends.All(m => Deliveries.CountOf(m) == 1), "the end and its re-publish are consumed");

        Assert.Multiple(async () =>
        {
            Assert.That((whileRunning.Item1.RunningWorkflows, whileRunning.Item2.RunningWorkflows), Is.EqualTo((1, 2)));
            Assert.That((await MetricsAsync(first)).Busy, Is.False);
            Assert.That((await MetricsAsync(second)).RunningWorkflows, Is.EqualTo(1), "its other run still runs");
        });
    }

    [Test]
    public async Task Should_not_make_agents_busy_when_the_end_overtakes_the_start()
    {
        var agent = Samples.AgentId();
        var (run, workflow) = (Guid.NewGuid(), Guid.NewGuid());

        await DeliverAsync(new WorkflowCancelled { RunId = run, WorkflowId = workflow, Reason = "stop", Version = 2, OccurredAt = Noon });
        await DeliverAsync(Started(run, workflow, agent));

        Assert.That((await MetricsAsync(agent)).Busy, Is.False);
    }

    /// <summary>Regression: keyed by the workflow, the second run's start found the first run's ended row and made nobody busy.</summary>
    [Test]
    public async Task Should_make_the_agents_busy_for_each_run_of_a_workflow_run_one_after_the_other()
    {
        var agent = Samples.AgentId();
        var workflow = Guid.NewGuid();
        var (firstRun, secondRun) = (Guid.NewGuid(), Guid.NewGuid());
        var seen = new List<bool>();

        await DeliverAsync(Started(firstRun, workflow, agent));
        seen.Add((await MetricsAsync(agent)).Busy);
        await DeliverAsync(Ended(firstRun, workflow));
        seen.Add((await MetricsAsync(agent)).Busy);
        await DeliverAsync(Started(secondRun, workflow, agent));
        seen.Add((await MetricsAsync(agent)).Busy);
        await DeliverAsync(new WorkflowFailed { RunId = secondRun, WorkflowId = workflow, ErrorMessage = "boom", Version = 3, OccurredAt = Noon });
        seen.Add((await MetricsAsync(agent)).Busy);

        Assert.That(seen, Is.EqualTo(new[] { true, false, true, false }), "busy during each run, available after each");
    }

    /// <summary>Regression: keyed by the workflow, the first run's end made the agents available while the other still ran.</summary>
    [Test]
    public async Task Should_keep_the_agents_busy_until_every_concurrent_run_of_a_workflow_has_ended()
    {
        var agent = Samples.AgentId();
        var workflow = Guid.NewGuid();
        var (firstRun, secondRun) = (Guid.NewGuid(), Guid.NewGuid());

        await DeliverAsync(Started(firstRun, workflow, agent));
        await DeliverAsync(Started(secondRun, workflow, agent));
        var bothRunning = await MetricsAsync(agent);
        await DeliverAsync(new WorkflowCancelled { RunId = firstRun, WorkflowId = workflow, Reason = "stop", Version = 2, OccurredAt = Noon });
        var oneRunning = await MetricsAsync(agent);
        await DeliverAsync(Ended(secondRun, workflow));

        Assert.Multiple(async () =>
        {
            Assert.That(bothRunning.RunningWorkflows, Is.EqualTo(2));
            Assert.That(oneRunning.RunningWorkflows, Is.EqualTo(1), "the second run still runs");
            Assert.That((await MetricsAsync(agent)).Busy, Is.False);
        });
    }

    /// <summary>Regression: keyed by the workflow, one run's early end ended the other run, and its late start was lost.</summary>
    [Test]
    public async Task Should_end_only_its_own_run_when_an_end_overtakes_its_start()
    {
        var agent = Samples.AgentId();
        var workflow = Guid.NewGuid();
        var (running, overtaken) = (Guid.NewGuid(), Guid.NewGuid());

        await DeliverAsync(Started(running, workflow, agent));
        await DeliverAsync(Ended(overtaken, workflow));
        var afterTheEarlyEnd = await MetricsAsync(agent);
        await DeliverAsync(Started(overtaken, workflow, agent));
        var afterTheLateStart = await MetricsAsync(agent);
        await DeliverAsync(Ended(running, workflow));

        Assert.Multiple(async () =>
        {
            Assert.That(afterTheEarlyEnd.RunningWorkflows, Is.EqualTo(1), "the other run still runs");
            Assert.That(afterTheLateStart.RunningWorkflows, Is.EqualTo(1), "the overtaken run has ended");
            Assert.That((await MetricsAsync(agent)).Busy, Is.False);
        });
    }

    /// <summary>
    /// A run that ended opens again to undo a task that completed late and publishes its end once more (docs/sagas.md):
    /// that end neither ends the workflow's next run nor counts twice.
    /// </summary>
    [Test]
    public async Task Should_not_end_the_next_run_when_a_run_that_opened_again_ends_again()
    {
        var agent = Samples.AgentId();
        var workflow = Guid.NewGuid();
        var (reopened, next) = (Guid.NewGuid(), Guid.NewGuid());

        await DeliverAsync(Started(reopened, workflow, agent));
        await DeliverAsync(new WorkflowFailed { RunId = reopened, WorkflowId = workflow, ErrorMessage = "boom", Version = 3, OccurredAt = Noon });
        await DeliverAsync(Started(next, workflow, agent));
        await DeliverAsync(new WorkflowFailed { RunId = reopened, WorkflowId = workflow, ErrorMessage = "boom", Version = 5, OccurredAt = Noon.AddMinutes(1) });
        var afterTheSecondEnd = await MetricsAsync(agent);
        await DeliverAsync(Ended(next, workflow));

        Assert.Multiple(async () =>
        {
            Assert.That(afterTheSecondEnd.RunningWorkflows, Is.EqualTo(1), "the next run still runs");
            Assert.That((await MetricsAsync(agent)).Busy, Is.False);
        });
    }

    private static TaskCompleted Completed(string agent, DateTimeOffset at) =>
        new() { TaskId = Guid.NewGuid(), AgentId = agent, Version = 3, OccurredAt = at };

    private static WorkflowStarted Started(Guid run, Guid workflow, params string[] agents) => new()
    {
        RunId = run,
        WorkflowId = workflow,
        Name = "wf",
        Steps = [.. agents.Select((a, i) => new WorkflowStep { Name = $"step-{i}", AgentId = a })],
        Version = 1,
        OccurredAt = Noon,
    };

    private static WorkflowCompleted Ended(Guid run, Guid? workflow = null) =>
        new() { RunId = run, WorkflowId = workflow ?? Guid.NewGuid(), Version = 5, OccurredAt = Noon };

    /// <summary>Published, then consumed by the service: the next read sees what it did.</summary>
    private async Task DeliverAsync<T>(T message) where T : class
    {
        var id = await PublishAsync(message);
        await Eventually.Until(() => Deliveries.CountOf(id) == 1, $"the {typeof(T).Name} is consumed");
    }

    /// <summary>Straight to the broker as another service publishes, with a MessageId the test chooses.</summary>
    private async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        await Sender.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = id);
        return id;
    }

    private Task<AgentMetricsReading> MetricsAsync(string agent) =>
        Designer.InScopeAsync(sp => sp.GetRequiredService<AgentMetricsRepository>().GetAsync(agent));
}

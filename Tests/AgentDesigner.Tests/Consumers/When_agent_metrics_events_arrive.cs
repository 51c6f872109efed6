using AgentLightning.AgentDesigner.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AgentDesigner.Tests.Consumers;

/// <summary>Task and workflow events as Workflow Engine publishes them, through the real broker to the service's metrics queue.</summary>
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
    public async Task Should_make_a_workflows_agents_busy_until_it_ends()
    {
        var (first, second) = (Samples.AgentId(), Samples.AgentId());
        var workflow = Guid.NewGuid();
        var other = Guid.NewGuid();

        var started = await PublishAsync(Started(workflow, first, second, first));
        var otherStarted = await PublishAsync(Started(other, second));
        await Eventually.Until(() => Deliveries.CountOf(started) == 1 && Deliveries.CountOf(otherStarted) == 1, "the starts are consumed");
        var whileRunning = (await MetricsAsync(first), await MetricsAsync(second));
        var completed = await PublishAsync(new WorkflowCompleted { WorkflowId = workflow, Version = 5, OccurredAt = Noon });
        var again = await PublishAsync(new WorkflowCompleted { WorkflowId = workflow, Version = 5, OccurredAt = Noon });
        await Eventually.Until(() => Deliveries.CountOf(completed) == 1 && Deliveries.CountOf(again) == 1, "the ends are consumed");

        Assert.Multiple(async () =>
        {
            Assert.That((whileRunning.Item1.RunningWorkflows, whileRunning.Item2.RunningWorkflows), Is.EqualTo((1, 2)));
            Assert.That((await MetricsAsync(first)).Busy, Is.False);
            Assert.That((await MetricsAsync(second)).RunningWorkflows, Is.EqualTo(1), "its other workflow still runs");
        });
    }

    [Test]
    public async Task Should_not_make_agents_busy_when_the_end_overtakes_the_start()
    {
        var agent = Samples.AgentId();
        var workflow = Guid.NewGuid();

        var cancelled = await PublishAsync(new WorkflowCancelled { WorkflowId = workflow, Reason = "stop", Version = 2, OccurredAt = Noon });
        await Eventually.Until(() => Deliveries.CountOf(cancelled) == 1, "the end is consumed");
        var started = await PublishAsync(Started(workflow, agent));
        await Eventually.Until(() => Deliveries.CountOf(started) == 1, "the late start is consumed");

        Assert.That((await MetricsAsync(agent)).Busy, Is.False);
    }

    private static TaskCompleted Completed(string agent, DateTimeOffset at) =>
        new() { TaskId = Guid.NewGuid(), AgentId = agent, Version = 3, OccurredAt = at };

    private static WorkflowStarted Started(Guid workflow, params string[] agents) => new()
    {
        WorkflowId = workflow,
        Name = "wf",
        Steps = [.. agents.Select((a, i) => new WorkflowStep { Name = $"step-{i}", AgentId = a })],
        Version = 1,
        OccurredAt = Noon,
    };

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

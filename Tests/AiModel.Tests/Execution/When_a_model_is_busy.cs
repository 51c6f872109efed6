using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;

namespace AgentLightning.AiModel.Tests.Execution;

/// <summary>Two instances of AI Model (two hosts, one database) share each model's concurrency limit.</summary>
public sealed class When_a_model_is_busy() : ProbedPlatform(instances: 2, TaskDuration, LongLeases)
{
    /// <summary>
    /// Not a lease spec (When_a_lease_runs_out_under_its_runner is): the test settings' 3 s lease ran out on a
    /// loaded CI machine and a second instance took a running task over, which this spec then counted as a double run.
    /// </summary>
    private static readonly Dictionary<string, string?> LongLeases = new() { ["AiModel:Execution:LeaseDuration"] = "00:00:30" };

    private static readonly TimeSpan TaskDuration = TimeSpan.FromMilliseconds(400);

    protected override Task CreateModelsAsync() => Platform.CreateModelAsync("limited", maxConcurrentTasks: 2, providerModel: "limited");

    [Test]
    [Order(1)]
    public async Task Should_never_run_more_than_its_limit_and_run_every_waiting_task_in_order()
    {
        var tasks = Enumerable.Range(0, 10).Select(i => AiModelPlatform.Task("limited", $"task-{i}")).ToList();

        // One after the other, each queued (or already run) before the next is sent: arrival order is send order,
        // whichever instance consumes each command.
        foreach (var task in tasks)
        {
            await Platform.SendAsync(task);
            await Eventually.Until(async () => await Platform.QueuedAsync(task.TaskId) == 1 || Platform.Received.OutcomeOf(task.TaskId) is not null,
                $"{task.Description} is queued");
        }

        foreach (var task in tasks)
        {
            Assert.That(await Platform.UntilOutcomeAsync(task.TaskId), Is.TypeOf<CompleteTask>());
        }

        var starts = Probe.Starts;
        Assert.Multiple(() =>
        {
            Assert.That(Probe.MaxConcurrent, Is.EqualTo(2), "at most the limit at once, and the limit used");
            Assert.That(starts.Select(s => s.Description), Is.EquivalentTo(tasks.Select(t => t.Description)), "each ran once");
        });

        // Claims are serialised, but two instances may launch what they claimed a moment apart: a task started
        // out of order would start a whole task's duration early, not a few milliseconds.
        var startOf = starts.ToDictionary(s => s.Description, s => s.At);
        for (var i = 1; i < tasks.Count; i++)
        {
            Assert.That(startOf[$"task-{i}"], Is.GreaterThan(startOf[$"task-{i - 1}"] - TaskDuration / 4), $"task-{i} started before task-{i - 1}");
        }
    }

    [Test]
    [Order(2)]
    public async Task Should_run_a_higher_priority_task_before_earlier_waiting_ones()
    {
        var blockers = Enumerable.Range(0, 2).Select(i => AiModelPlatform.Task("limited", $"hold-{i}")).ToList();
        var low = Enumerable.Range(0, 2).Select(i => AiModelPlatform.Task("limited", $"low-{i}")).ToList();
        var urgent = AiModelPlatform.Task("limited", "urgent", priority: 10);

        foreach (var task in blockers)
        {
            await Platform.SendAsync(task);
        }

        await Eventually.Until(() => Probe.Starts.Count(s => s.Description.StartsWith("hold-", StringComparison.Ordinal)) == 2, "both slots are busy");
        foreach (var task in low.Append(urgent))
        {
            await Platform.SendAsync(task);
            await Eventually.Until(async () => await Platform.QueuedAsync(task.TaskId) == 1, $"{task.Description} waits");
        }

        blockers.ForEach(b => Probe.Release(b.Description));
        foreach (var task in blockers.Concat(low).Append(urgent))
        {
            await Platform.UntilOutcomeAsync(task.TaskId);
        }

        var order = Probe.Starts.Select(s => s.Description).Where(d => d is "urgent" or "low-0" or "low-1").ToList();
        Assert.That(order[0], Is.EqualTo("urgent"), string.Join(", ", order));
    }
}

using AgentLightning.AiModel.Execution;
using AgentLightning.AiModel.Tests.Support;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.AiModel.Tests.Execution;

/// <summary>An instance shut down while it runs a task gives the task back; another instance runs it.</summary>
public sealed class When_an_instance_stops() : ProbedPlatform(instances: 2, TimeSpan.FromMilliseconds(20))
{
    protected override Task CreateModelsAsync() => Platform.CreateModelAsync("handover", providerModel: "handover");

    private int? RunnerOf(Guid taskId) =>
        Enumerable.Range(0, 2).Where(Platform.IsRunning)
            .Select(i => (int?)i)
            .FirstOrDefault(i => Platform.Instance(i!.Value).Services.GetRequiredService<ExecutionRunner>().Running.Contains(taskId));

    [Test]
    public async Task Should_hand_its_running_task_to_another_instance_at_once()
    {
        var task = AiModelPlatform.Task("handover", "hold-handover");
        await Platform.SendAsync(task);
        await Eventually.Until(() => RunnerOf(task.TaskId) is not null, "the task runs");
        var first = RunnerOf(task.TaskId)!.Value;

        await Platform.StopInstanceAsync(first);

        // Well within the 3 s lease: the stopping instance put the row back itself.
        await Eventually.Until(() => RunnerOf(task.TaskId) == 1 - first, "the other instance runs it", TimeSpan.FromSeconds(2));
        Probe.Release(task.Description);
        Assert.That(await Platform.UntilOutcomeAsync(task.TaskId), Is.TypeOf<CompleteTask>());
        Assert.That(Platform.Received.Of(task.TaskId).OfType<StartTask>().Count(), Is.EqualTo(1), "started once, as far as Workflow Engine knows");
    }
}

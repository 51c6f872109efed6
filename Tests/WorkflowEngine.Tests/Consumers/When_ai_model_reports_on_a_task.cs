using System.Text.Json;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Consumers;

/// <summary>AI Model reports with the task commands Workflow Engine owns; each moves the task forward and is announced.</summary>
public sealed class When_ai_model_reports_on_a_task
{
    private static readonly JsonElement Result = JsonSerializer.Deserialize<JsonElement>("{\"summary\":\"done\",\"tokens\":42}");

    [Test]
    public async Task Should_move_it_from_pending_to_started_to_completed_with_result_and_timestamps()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());

        await Commands.UntilConsumedAsync(await Platform.SendAsync(new StartTask { TaskId = id }));
        var started = await GetTaskAsync(id);
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new ReportTaskProgress { TaskId = id, Percent = 40, Note = "reading" }));
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new CompleteTask { TaskId = id, Result = Result }));
        var completed = await GetTaskAsync(id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(started.Text("status"), Is.EqualTo(TaskStatuses.Started));
            Assert.That(started.GetProperty("startedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(completed.Text("status"), Is.EqualTo(TaskStatuses.Completed));
            Assert.That(completed.GetProperty("progress").GetInt32(), Is.EqualTo(100));
            Assert.That(JsonElement.DeepEquals(completed.GetProperty("result"), Result), completed.ToString());
            Assert.That(completed.GetProperty("completedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(completed.GetProperty("startedAt").GetDateTimeOffset()));
            Assert.That(completed.GetProperty("version").GetInt64(), Is.EqualTo(4));
        }

        await Eventually.Until(() => Platform.Received.All<TaskCompleted>(e => e.TaskId == id).Count == 1, "TaskCompleted is published");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Platform.Received.All<TaskStarted>(e => e.TaskId == id).Select(e => e.Version), Is.EqualTo(new[] { 2L }));
            Assert.That(Platform.Received.All<TaskProgressed>(e => e.TaskId == id).Select(e => (e.Percent, e.Version)), Is.EqualTo(new[] { (40, 3L) }));
            Assert.That(Platform.Received.All<TaskCompleted>(e => e.TaskId == id)[0].Version, Is.EqualTo(4));
        }
    }

    [Test]
    public async Task Should_fail_it_with_the_reason()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());

        await Commands.UntilConsumedAsync(await Platform.SendAsync(new StartTask { TaskId = id }));
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new FailTask { TaskId = id, ErrorMessage = "model unavailable" }));
        var failed = await GetTaskAsync(id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Text("status"), Is.EqualTo(TaskStatuses.Failed));
            Assert.That(failed.Text("errorMessage"), Is.EqualTo("model unavailable"));
            Assert.That(failed.GetProperty("completedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        }

        await Eventually.Until(() => Platform.Received.All<TaskFailed>(e => e.TaskId == id && e.ErrorMessage == "model unavailable").Count == 1, "TaskFailed is published");
    }

    /// <summary>Redeliveries reorder a queue: a completion whose start is still behind it completes the task (and starts it).</summary>
    [Test]
    public async Task Should_complete_a_task_whose_start_has_not_arrived()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());

        await Commands.UntilConsumedAsync(await Platform.SendAsync(new CompleteTask { TaskId = id, Result = Result }));
        var lateStart = await Platform.SendAsync(new StartTask { TaskId = id });
        await Commands.UntilConsumedAsync(lateStart);
        var task = await GetTaskAsync(id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Text("status"), Is.EqualTo(TaskStatuses.Completed));
            Assert.That(task.GetProperty("startedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(task.GetProperty("version").GetInt64(), Is.EqualTo(2), "the late start changed nothing");
            Assert.That(await Commands.RejectedLettersOf(lateStart), Is.Zero, "a late start is the same outcome, not a contradiction");
        }
    }

    [Test]
    public async Task Should_start_a_pending_task_on_its_first_progress_and_never_move_progress_back()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());

        await Commands.UntilConsumedAsync(await Platform.SendAsync(new ReportTaskProgress { TaskId = id, Percent = 60 }));
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new ReportTaskProgress { TaskId = id, Percent = 30 }));
        var task = await GetTaskAsync(id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Text("status"), Is.EqualTo(TaskStatuses.Started));
            Assert.That(task.GetProperty("progress").GetInt32(), Is.EqualTo(60));
            Assert.That(task.GetProperty("version").GetInt64(), Is.EqualTo(2), "the older report changed nothing");
        }

        await Eventually.Until(() => Platform.Received.All<TaskProgressed>(e => e.TaskId == id).Count == 1, "TaskProgressed is published");
        Assert.That(Platform.Received.All<TaskStarted>(e => e.TaskId == id).Select(e => e.Version), Is.EqualTo(new[] { 2L }));
    }

    [Test]
    public async Task Should_create_a_task_from_a_command_once_however_often_it_is_sent()
    {
        var agent = await Platform.AgentAsync(model: "model-y");
        var command = new CreateTask { TaskId = Guid.NewGuid(), AgentId = agent, Description = "from a saga", Priority = 1 };

        await Commands.UntilConsumedAsync(await Platform.SendAsync(command));
        var again = await Platform.SendAsync(command);
        await Commands.UntilConsumedAsync(again);
        var task = await GetTaskAsync(command.TaskId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.Text("description"), Is.EqualTo("from a saga"));
            Assert.That(task.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(await Commands.RejectedLettersOf(again), Is.Zero);
        }

        await Eventually.Until(() => Platform.Received.All<Contracts.Models.ExecuteTask>(e => e.TaskId == command.TaskId && e.Model == "model-y").Count == 1,
            "AI Model is asked to run it");
    }
}

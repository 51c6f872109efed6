using System.Text.Json;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.System;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Consumers;

/// <summary>
/// A command that contradicts what happened to the task is refused visibly (CommandRejected and a rejected dead
/// letter), never dropped and never a retry loop; one that repeats the outcome is idempotent.
/// </summary>
public sealed class When_a_report_contradicts_the_task
{
    private static readonly JsonElement Result = JsonSerializer.Deserialize<JsonElement>("{\"answer\":1}");

    [Test]
    public async Task Should_reject_a_completion_of_a_cancelled_task()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());
        await Platform.Client.CallAsync("POST", $"/tasks/{id}/cancel", Operator, new { }).JsonAsync(System.Net.HttpStatusCode.OK);

        var complete = await Platform.SendAsync(new CompleteTask { TaskId = id, Result = Result });
        var rejected = await Commands.UntilRejectedAsync(complete);

        await AssertRefusedAsync(rejected, complete, id, "cancelled");
        Assert.That((await GetTaskAsync(id)).Text("status"), Is.EqualTo(TaskStatuses.Cancelled));
    }

    [Test]
    public async Task Should_reject_a_failure_of_a_completed_task_and_a_second_completion_with_another_result()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new CompleteTask { TaskId = id, Result = Result }));

        var fail = await Platform.SendAsync(new FailTask { TaskId = id, ErrorMessage = "late" });
        var other = await Platform.SendAsync(new CompleteTask { TaskId = id, Result = JsonSerializer.Deserialize<JsonElement>("{\"answer\":2}") });
        var same = await Platform.SendAsync(new CompleteTask { TaskId = id, Result = JsonSerializer.Deserialize<JsonElement>("{ \"answer\" : 1 }") });

        await AssertRefusedAsync(await Commands.UntilRejectedAsync(fail), fail, id, "completed");
        await AssertRefusedAsync(await Commands.UntilRejectedAsync(other), other, id, "another result");
        await Commands.UntilConsumedAsync(same);
        var task = await GetTaskAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Commands.RejectedLettersOf(same), Is.Zero, "the same result again is the same outcome");
            Assert.That(task.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(task.GetProperty("result").GetProperty("answer").GetInt32(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_reject_a_second_failure_with_another_error_but_not_with_the_same_one()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new FailTask { TaskId = id, ErrorMessage = "timeout" }));

        var same = await Platform.SendAsync(new FailTask { TaskId = id, ErrorMessage = "timeout", ExpectedVersion = 1 });
        var other = await Platform.SendAsync(new FailTask { TaskId = id, ErrorMessage = "quota" });

        await AssertRefusedAsync(await Commands.UntilRejectedAsync(other), other, id, "another error");
        await Commands.UntilConsumedAsync(same);
        Assert.That(await Commands.RejectedLettersOf(same), Is.Zero, "the same failure again, even with a stale expected version, is the same outcome");
        Assert.That((await GetTaskAsync(id)).Text("errorMessage"), Is.EqualTo("timeout"));
    }

    [Test]
    public async Task Should_reject_a_create_whose_id_holds_another_task()
    {
        var agent = await Platform.AgentAsync();
        var command = new CreateTask { TaskId = Guid.NewGuid(), AgentId = agent, Description = "first" };
        await Commands.UntilConsumedAsync(await Platform.SendAsync(command));

        var other = await Platform.SendAsync(command with { Description = "second" });

        await AssertRefusedAsync(await Commands.UntilRejectedAsync(other), other, command.TaskId, "already exists");
        Assert.That((await GetTaskAsync(command.TaskId)).Text("description"), Is.EqualTo("first"));
    }

    [Test]
    public async Task Should_reject_a_start_of_a_task_cancelled_before_it_started()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());
        await Platform.Client.CallAsync("POST", $"/tasks/{id}/cancel", Operator, new { }).JsonAsync(System.Net.HttpStatusCode.OK);

        var start = await Platform.SendAsync(new StartTask { TaskId = id });

        await AssertRefusedAsync(await Commands.UntilRejectedAsync(start), start, id, "cancelled");
    }

    [Test]
    public async Task Should_answer_409_to_a_cancel_of_a_completed_task()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new CompleteTask { TaskId = id, Result = Result }));

        var detail = (await Platform.Client.CallAsync("POST", $"/tasks/{id}/cancel", Operator, new { }).ProblemAsync(System.Net.HttpStatusCode.Conflict)).Detail();

        Assert.That(detail, Does.Contain("completed"));
    }

    [Test]
    public async Task Should_reject_a_change_that_expects_an_older_version()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());
        await Commands.UntilConsumedAsync(await Platform.SendAsync(new StartTask { TaskId = id }));

        var stale = await Platform.SendAsync(new CancelTask { TaskId = id, ExpectedVersion = 1 });

        await AssertRefusedAsync(await Commands.UntilRejectedAsync(stale), stale, id, "expected version 1, found 2");
        Assert.That((await GetTaskAsync(id)).Text("status"), Is.EqualTo(TaskStatuses.Started));
    }

    [Test]
    public async Task Should_redeliver_a_report_on_a_task_that_does_not_exist_then_reject_it()
    {
        var missing = Guid.NewGuid();

        var start = await Platform.SendAsync(new StartTask { TaskId = missing });
        var rejected = await Commands.UntilRejectedAsync(start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.Reason, Is.EqualTo(CommandRejections.NotFound));
            Assert.That(rejected.TargetId, Is.EqualTo(missing.ToString()));
            Assert.That(await Commands.RejectedLettersOf(start), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_reject_a_create_for_an_inactive_agent()
    {
        var agent = await Platform.AgentAsync(AgentStatuses.Inactive);

        var create = await Platform.SendAsync(new CreateTask { TaskId = Guid.NewGuid(), AgentId = agent, Description = "d" });
        var rejected = await Commands.UntilRejectedAsync(create);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.Reason, Is.EqualTo(CommandRejections.Conflict));
            Assert.That(rejected.TargetType, Is.EqualTo("agent"));
            Assert.That(rejected.TargetId, Is.EqualTo(agent));
        }
    }

    private static async Task AssertRefusedAsync(CommandRejected rejected, Guid commandId, Guid taskId, string because)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.Reason, Is.EqualTo(CommandRejections.Conflict));
            Assert.That(rejected.TargetType, Is.EqualTo("task"));
            Assert.That(rejected.TargetId, Is.EqualTo(taskId.ToString()));
            Assert.That(rejected.Detail, Does.Contain(because));
            Assert.That(rejected.RejectedBy, Is.EqualTo("workflow-engine"));
            Assert.That(await Commands.RejectedLettersOf(commandId), Is.EqualTo(1));
        }
    }
}

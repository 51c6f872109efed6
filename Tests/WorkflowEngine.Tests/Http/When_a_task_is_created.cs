using System.Net;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Testing;
using AgentLightning.WorkflowEngine.Tests.Support;
using static AgentLightning.WorkflowEngine.Tests.Support.Samples;

namespace AgentLightning.WorkflowEngine.Tests.Http;

public sealed class When_a_task_is_created
{
    private static HttpClient Client => Platform.Client;

    [Test]
    public async Task Should_answer_201_and_send_it_to_ai_model_with_the_agents_model()
    {
        var agent = await Platform.AgentAsync(model: "model-x");

        using var response = await Client.CallAsync("POST", "/tasks", Operator, TaskBody(agent));
        var task = await Task.FromResult(response).JsonAsync(HttpStatusCode.Created);
        var id = Guid.Parse(task.Text("id"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/tasks/{id}"));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(task.Text("status"), Is.EqualTo(TaskStatuses.Pending));
            Assert.That(task.Text("agentId"), Is.EqualTo(agent));
            Assert.That(task.GetProperty("priority").GetInt32(), Is.EqualTo(5));
        }

        await Eventually.Until(() => Platform.Received.All<ExecuteTask>(e => e.TaskId == id).Count == 1, "AI Model is asked to run the task");
        await Eventually.Until(() => Platform.Received.All<TaskCreated>(e => e.TaskId == id).Count == 1, "TaskCreated is published");
        var execute = Platform.Received.All<ExecuteTask>(e => e.TaskId == id)[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(execute.Model, Is.EqualTo("model-x"));
            Assert.That(execute.AgentId, Is.EqualTo(agent));
            Assert.That(execute.Context?.GetProperty("source").GetString(), Is.EqualTo("spec"));
            Assert.That(Platform.Received.All<TaskCreated>(e => e.TaskId == id)[0].Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_accept_a_task_for_an_agent_created_a_moment_ago()
    {
        var agent = Platform.NewAgentId();
        var before = (await Client.CallAsync("POST", "/tasks", Operator, TaskBody(agent)).ProblemAsync(HttpStatusCode.BadRequest)).Detail();
        Assert.That(before, Does.Contain(agent).And.Contain("does not exist"));

        await Platform.AgentAsync(id: agent);

        await CreateTaskAsync(agent);
    }

    [TestCase(AgentStatuses.Inactive)]
    [TestCase(AgentStatuses.Error)]
    public async Task Should_answer_400_for_an_agent_that_is_not_active(string status)
    {
        var agent = await Platform.AgentAsync(status);

        var detail = (await Client.CallAsync("POST", "/tasks", Operator, TaskBody(agent)).ProblemAsync(HttpStatusCode.BadRequest)).Detail();

        Assert.That(detail, Does.Contain(agent).And.Contain(status));
    }

    [Test]
    public async Task Should_answer_404_for_a_task_that_does_not_exist() =>
        await Client.CallAsync("GET", $"/tasks/{Guid.NewGuid()}", Viewer).ProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task Should_list_an_agents_tasks_page_by_page_and_by_status()
    {
        var agent = await Platform.AgentAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateTaskAsync(agent)).Text("id"));
        }

        var first = await Client.CallAsync("GET", $"/tasks?agentId={agent}&limit=2", Viewer).JsonAsync(HttpStatusCode.OK);
        var next = first.Text("next");
        var second = await Client.CallAsync("GET", $"/tasks?agentId={agent}&limit=2&after={next}", Viewer).JsonAsync(HttpStatusCode.OK);
        var pending = await Client.CallAsync("GET", $"/tasks?agentId={agent}&status=pending", Viewer).JsonAsync(HttpStatusCode.OK);
        var completed = await Client.CallAsync("GET", $"/tasks?agentId={agent}&status=completed", Viewer).JsonAsync(HttpStatusCode.OK);

        var paged = first.GetProperty("tasks").EnumerateArray().Concat(second.GetProperty("tasks").EnumerateArray()).Select(t => t.Text("id"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(second.GetProperty("count").GetInt32(), Is.EqualTo(1));
            Assert.That(second.GetProperty("next").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(paged, Is.EqualTo(ids), "oldest first, each once");
            Assert.That(pending.GetProperty("count").GetInt32(), Is.EqualTo(3));
            Assert.That(completed.GetProperty("count").GetInt32(), Is.Zero);
        }
    }

    [Test]
    public async Task Should_cancel_a_pending_task_once_and_answer_the_same_to_a_second_cancel()
    {
        var id = await CreateTaskIdAsync(await Platform.AgentAsync());

        var cancelled = await Client.CallAsync("POST", $"/tasks/{id}/cancel", Operator, new { reason = "not needed" }).JsonAsync(HttpStatusCode.OK);
        var again = await Client.CallAsync("POST", $"/tasks/{id}/cancel", Operator, new { reason = "still not needed" }).JsonAsync(HttpStatusCode.OK);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cancelled.Text("status"), Is.EqualTo(TaskStatuses.Cancelled));
            Assert.That(cancelled.GetProperty("completedAt").ValueKind, Is.Not.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(again.GetProperty("version").GetInt64(), Is.EqualTo(cancelled.GetProperty("version").GetInt64()));
        }

        await Eventually.Until(() => Platform.Received.All<TaskCancelled>(e => e.TaskId == id).Count == 1, "TaskCancelled is published");
        Assert.That(Platform.Received.All<TaskCancelled>(e => e.TaskId == id)[0].Reason, Is.EqualTo("not needed"));
    }
}

using System.Net;
using System.Text.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;

namespace AgentLightning.Platform.Tests.Tasks;

/// <summary>A task goes Workflow Engine → AI Model → Workflow Engine → Agent Designer, each step a message through an outbox.</summary>
[TestFixture]
public sealed class When_a_task_is_created
{
    private static readonly TimeSpan RoundTrip = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Should_run_on_ai_model_complete_and_count_in_the_agents_metrics()
    {
        var (platform, token) = (SharedPlatform.Platform, await SharedPlatform.Accounts.TokenAsync("operator"));
        var agentId = await NewAgentAsync(token, failing: false);

        var task = await CreateTaskAsync(agentId, token);
        var done = await WaitForEndAsync(task, token);

        Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("completed"), done.GetRawText());
        await Eventually.Until(async () => Metric(await platform.AgentDesigner.Client.GetJsonAsync($"/agents/{agentId}", token), "tasksCompleted") == 1,
            "Agent Designer counts the completed task", RoundTrip);
    }

    [Test]
    public async Task Should_fail_with_the_reason_when_its_model_fails()
    {
        var (platform, token) = (SharedPlatform.Platform, await SharedPlatform.Accounts.TokenAsync("operator"));
        var agentId = await NewAgentAsync(token, failing: true);

        var task = await CreateTaskAsync(agentId, token);
        var done = await WaitForEndAsync(task, token);

        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("failed"), done.GetRawText());
            Assert.That(done.GetProperty("errorMessage").GetString(), Is.Not.Empty, done.GetRawText());
        });
        await Eventually.Until(async () => Metric(await platform.AgentDesigner.Client.GetJsonAsync($"/agents/{agentId}", token), "tasksFailed") == 1,
            "Agent Designer counts the failed task", RoundTrip);
    }

    private static async Task<string> NewAgentAsync(string token, bool failing)
    {
        var model = await Catalog.CreateModelAsync(SharedPlatform.Platform, token, failing);
        return (await Catalog.CreateAgentAsync(SharedPlatform.Platform, token, model)).GetProperty("id").GetString()!;
    }

    private static async Task<string> CreateTaskAsync(string agentId, string token)
    {
        using var response = await SharedPlatform.Platform.WorkflowEngine.Client.SendAsync(HttpMethod.Post, "/tasks", token,
            new { agentId, description = "summarise the release notes", priority = 5, context = new { source = "platform-tests" } });
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> WaitForEndAsync(string taskId, string token)
    {
        JsonElement task = default;
        await Eventually.Until(async () =>
        {
            task = await SharedPlatform.Platform.WorkflowEngine.Client.GetJsonAsync($"/tasks/{taskId}", token);
            return task.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, $"task {taskId} ends", RoundTrip);
        return task;
    }

    private static int Metric(JsonElement agent, string name) => agent.GetProperty("metrics").GetProperty(name).GetInt32();
}

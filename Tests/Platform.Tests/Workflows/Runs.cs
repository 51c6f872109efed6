using System.Net;
using System.Text.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Workflows;

/// <summary>Workflows and their runs through Workflow Engine's API, and the tasks a run made (as Workflow Engine lists them).</summary>
internal static class Runs
{
    public static readonly TimeSpan RunTime = TimeSpan.FromSeconds(120);

    /// <summary>An agent on a model of the local provider; a failing model fails every task the agent is given.</summary>
    public static async Task<string> NewAgentAsync(RunningPlatform platform, string token, bool failing = false)
    {
        var model = await Catalog.CreateModelAsync(platform, token, failing);
        return (await Catalog.CreateAgentAsync(platform, token, model)).GetProperty("id").GetString()!;
    }

    /// <summary>Defines a workflow of <paramref name="steps"/> (anonymous objects in the API's shape) and returns its id.</summary>
    public static async Task<string> DefineAsync(RunningPlatform platform, string token, params object[] steps)
    {
        using var response = await platform.WorkflowEngine.Client.SendAsync(HttpMethod.Post, "/workflows", token,
            new { name = Catalog.NewId("workflow"), steps });
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    public static async Task<string> StartAsync(RunningPlatform platform, string token, string workflowId)
    {
        using var response = await platform.WorkflowEngine.Client.SendAsync(HttpMethod.Post, $"/workflows/{workflowId}/runs", token, new { context = new { origin = "platform-tests" } });
        return (await response.JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetString()!;
    }

    /// <summary>Waits until the run view shows the run finished (completed, failed or cancelled) and returns it.</summary>
    public static async Task<JsonElement> WaitForEndAsync(RunningPlatform platform, string token, string workflowId, string runId, TimeSpan? timeout = null)
    {
        JsonElement run = default;
        await Eventually.Until(async () =>
        {
            run = await platform.WorkflowEngine.Client.GetJsonAsync($"/workflows/{workflowId}/runs/{runId}", token);
            return run.GetProperty("status").GetString() is "completed" or "failed" or "cancelled";
        }, $"run {runId} ends", timeout ?? RunTime);
        return run;
    }

    /// <summary>The tasks of <paramref name="agentId"/>, oldest first.</summary>
    public static Task<List<JsonElement>> TasksOfAsync(RunningPlatform platform, string token, string agentId) =>
        Catalog.ListAllAsync(platform.WorkflowEngine.Client, $"/tasks?agentId={agentId}", "tasks", token);
}

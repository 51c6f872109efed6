using System.Net;
using System.Text.Json;
using AgentLightning.Infrastructure.Hosting.Authentication;
using AgentLightning.Testing;

namespace AgentLightning.WorkflowEngine.Tests.Support;

/// <summary>Bodies and calls most specs start from.</summary>
public static class Samples
{
    public const string Operator = PlatformRoles.Operator;
    public const string Viewer = PlatformRoles.Viewer;

    public static object TaskBody(string agentId, string description = "Summarise the report") =>
        new { agentId, description, priority = 5, context = new { source = "spec" } };

    public static object Step(string name, string agentId, string? parallelGroup = null) =>
        new { name, agentId, description = $"Do {name}", compensation = $"Undo {name}", timeoutSeconds = 60, retryCount = 2, parallelGroup };

    public static object WorkflowBody(params object[] steps) => new { name = "Onboarding", description = "spec", steps, context = new { tier = "gold" } };

    public static Task<JsonElement> CreateTaskAsync(string agentId) =>
        Platform.Client.CallAsync("POST", "/tasks", Operator, TaskBody(agentId)).JsonAsync(HttpStatusCode.Created);

    public static async Task<Guid> CreateTaskIdAsync(string agentId) => Guid.Parse((await CreateTaskAsync(agentId)).Text("id"));

    public static Task<JsonElement> GetTaskAsync(Guid id) => Platform.Client.CallAsync("GET", $"/tasks/{id}", Viewer).JsonAsync(HttpStatusCode.OK);

    public static async Task<Guid> CreateWorkflowAsync(params object[] steps) =>
        Guid.Parse((await Platform.Client.CallAsync("POST", "/workflows", Operator, WorkflowBody(steps)).JsonAsync(HttpStatusCode.Created)).Text("id"));
}

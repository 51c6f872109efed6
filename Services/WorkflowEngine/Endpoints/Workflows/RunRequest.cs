using System.Text.Json;

namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

/// <summary>An optional body: the run's context (a JSON object) handed to the saga.</summary>
internal sealed record RunRequest(JsonElement? Context);

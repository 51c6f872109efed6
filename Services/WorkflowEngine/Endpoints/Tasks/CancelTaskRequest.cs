namespace AgentLightning.WorkflowEngine.Endpoints.Tasks;

internal sealed record CancelTaskRequest(string? Reason);

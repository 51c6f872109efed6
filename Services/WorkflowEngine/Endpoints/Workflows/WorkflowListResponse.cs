namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

/// <summary><c>{ "workflows": [...], "count": n, "next": cursor }</c>: count is the number in this page.</summary>
internal sealed record WorkflowListResponse(IReadOnlyList<WorkflowResponse> Workflows, int Count, string? Next);

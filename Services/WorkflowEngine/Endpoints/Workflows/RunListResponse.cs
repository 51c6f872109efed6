namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

/// <summary><c>{ "runs": [...], "count": n, "next": cursor }</c>: count is the number in this page.</summary>
internal sealed record RunListResponse(IReadOnlyList<RunResponse> Runs, int Count, string? Next);

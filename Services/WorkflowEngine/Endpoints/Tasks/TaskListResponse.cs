namespace AgentLightning.WorkflowEngine.Endpoints.Tasks;

/// <summary><c>{ "tasks": [...], "count": n, "next": cursor }</c>: count is the number in this page.</summary>
internal sealed record TaskListResponse(IReadOnlyList<TaskResponse> Tasks, int Count, string? Next);

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>The seed's shape with paging: <c>{ "agents": [...], "count": n, "next": cursor }</c>; count is this page's, next is null on the last.</summary>
internal sealed record AgentListResponse(IReadOnlyList<AgentResponse> Agents, int Count, string? Next);

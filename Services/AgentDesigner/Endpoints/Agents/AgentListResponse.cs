namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>The seed's shape: <c>{ "agents": [...], "count": n }</c>.</summary>
internal sealed record AgentListResponse(IReadOnlyList<AgentResponse> Agents, int Count);

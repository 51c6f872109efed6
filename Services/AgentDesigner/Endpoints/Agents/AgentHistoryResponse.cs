namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>An agent's event log, oldest first.</summary>
internal sealed record AgentHistoryResponse(string AgentId, IReadOnlyList<AgentHistoryEntry> Events, int Count);

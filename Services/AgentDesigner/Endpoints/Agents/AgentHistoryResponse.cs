namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>A page of an agent's event log, oldest first; <see cref="Next"/> is the cursor of the next page, null on the last.</summary>
internal sealed record AgentHistoryResponse(string AgentId, IReadOnlyList<AgentHistoryEntry> Events, int Count, string? Next);

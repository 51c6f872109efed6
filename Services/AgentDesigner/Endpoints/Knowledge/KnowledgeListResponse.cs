namespace AgentLightning.AgentDesigner.Endpoints.Knowledge;

/// <summary>One page of an agent's knowledge: count is this page's, next is null on the last.</summary>
internal sealed record KnowledgeListResponse(string AgentId, IReadOnlyList<KnowledgeResponse> Knowledge, int Count, string? Next);

namespace AgentLightning.AgentDesigner.Endpoints.Knowledge;

internal sealed record KnowledgeListResponse(string AgentId, IReadOnlyList<KnowledgeResponse> Knowledge, int Count);

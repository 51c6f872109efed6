namespace AgentLightning.AgentDesigner.Endpoints.Agents;

internal sealed record ChangeAgentStatusRequest(string? Status, string? Reason);

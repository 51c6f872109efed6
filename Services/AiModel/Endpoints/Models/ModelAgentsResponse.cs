using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.AiModel.Endpoints.Models;

/// <summary><c>{ "model": name, "agents": [...], "count": n, "next": cursor }</c>.</summary>
internal sealed record ModelAgentsResponse(string Model, IReadOnlyList<ModelAgent> Agents, int Count, string? Next);

internal sealed record ModelAgent(string Id, string Name, string Model, string? Specialization, string Status, long Version)
{
    public static ModelAgent From(Agent agent) => new(agent.Id, agent.Name, agent.Model, agent.Specialization, agent.Status, agent.Version);
}

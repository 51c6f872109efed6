using System.Text.Json;
using AgentLightning.AgentDesigner.Application;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

internal sealed record AgentResponse(
    string Id, string Name, string Model, string? Specialization, string Status, JsonElement Config,
    IReadOnlyList<string> Capabilities, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static AgentResponse From(Agent agent) => new(
        agent.Id, agent.Name, agent.Model, agent.Specialization, agent.Status, Fields.ToElement(agent.Config),
        agent.Capabilities, agent.CreatedAt, agent.UpdatedAt, agent.Version);
}

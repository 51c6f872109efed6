using AgentLightning.Infrastructure.Hosting.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

internal sealed record AgentResponse(
    string Id, string Name, string Model, string? Specialization, string Status, RawJson Config,
    IReadOnlyList<string> Capabilities, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version,
    AgentMetricsResponse? Metrics = null)
{
    /// <summary>The metrics are not part of the definition: its version (and ETag) does not change with them.</summary>
    public static AgentResponse From(Agent agent, AgentMetricsReading? metrics = null) => new(
        agent.Id, agent.Name, agent.Model, agent.Specialization, agent.Status, new RawJson(agent.Config),
        agent.Capabilities, agent.CreatedAt, agent.UpdatedAt, agent.Version, metrics is null ? null : AgentMetricsResponse.From(metrics));
}

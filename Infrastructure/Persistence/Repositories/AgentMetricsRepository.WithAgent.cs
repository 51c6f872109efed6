using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>An agent with its metrics, as <c>GET /agents/{id}</c> shows them.</summary>
public sealed partial class AgentMetricsRepository
{
    /// <summary>
    /// The agent (null when it does not exist) and its metrics, both from the cache in one Redis round trip when both
    /// are cached; each entry keeps a single read's protocol (never stale), so either may come from PostgreSQL.
    /// </summary>
    public async Task<(Agent? Agent, AgentMetricsReading Metrics)> GetWithAgentAsync(
        AgentRepository agents, string agentId, CancellationToken cancellationToken = default)
    {
        var (agent, metrics) = await CachedReads.GetPairAsync(
            _services, agentId, ct => agents.FindAsync(agentId, ct), agentId, ct => LoadAsync(agentId, ct), cancellationToken);
        return (agent, metrics!.Reading);
    }
}

using AgentLightning.Infrastructure.Persistence.Repositories;

namespace AgentLightning.TransactionCoordinator.Provisioning;

/// <summary>Whether an agent id is taken, before a provisioning creates it.</summary>
public interface IAgentDirectory
{
    Task<bool> ExistsAsync(string agentId, CancellationToken cancellationToken);
}

/// <summary>
/// Through the shared cached repository, which never serves a state older than a committed write. Why it matters: an
/// existing agent with the same definition makes the saga's CreateAgent a no-op with no AgentCreated, so the step
/// would time out and its compensation would delete an agent the saga never created.
/// </summary>
internal sealed class AgentDirectory(AgentRepository agents) : IAgentDirectory
{
    public async Task<bool> ExistsAsync(string agentId, CancellationToken cancellationToken) =>
        await agents.GetAsync(agentId, cancellationToken) is not null;
}

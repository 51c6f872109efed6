using AgentLightning.Contracts.Agents;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.AgentDesigner.Application;

/// <summary>The events of an agent, built from its state after the change (so they carry the new version).</summary>
internal static class AgentEvents
{
    public static AgentCreated Created(Agent agent, DateTimeOffset at) => new()
    {
        AgentId = agent.Id,
        Name = agent.Name,
        Model = agent.Model,
        Specialization = agent.Specialization,
        Config = Fields.ToElement(agent.Config),
        Capabilities = [.. agent.Capabilities],
        Status = agent.Status,
        Version = agent.Version,
        OccurredAt = at,
    };

    public static AgentUpdated Updated(Agent agent, DateTimeOffset at) => new()
    {
        AgentId = agent.Id,
        Name = agent.Name,
        Model = agent.Model,
        Specialization = agent.Specialization,
        Config = Fields.ToElement(agent.Config),
        Capabilities = [.. agent.Capabilities],
        Version = agent.Version,
        OccurredAt = at,
    };

    public static AgentStatusChanged StatusChanged(Agent agent, string previousStatus, string? reason, DateTimeOffset at) => new()
    {
        AgentId = agent.Id,
        PreviousStatus = previousStatus,
        Status = agent.Status,
        Reason = reason,
        Version = agent.Version,
        OccurredAt = at,
    };

    public static AgentDeleted Deleted(Agent agent, DateTimeOffset at) => new()
    {
        AgentId = agent.Id,
        Version = agent.Version,
        OccurredAt = at,
    };
}

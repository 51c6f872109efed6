using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>One change; <see cref="Data"/> is the agent as it was after it.</summary>
internal sealed record AgentHistoryEntry(long Sequence, string EventType, JsonElement Data, string Service, DateTimeOffset OccurredAt)
{
    public static AgentHistoryEntry From(LoggedEvent logged) =>
        new(logged.Sequence, logged.EventType, Fields.ToElement(logged.Data), logged.Service, logged.OccurredAt);
}

using System.Text.Json;
using AgentLightning.AgentDesigner.Application;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>The whole definition: an absent optional field is cleared, not kept.</summary>
internal sealed record UpdateAgentRequest(
    string? Name, string? Model, string? Specialization, JsonElement? Config, IReadOnlyList<string>? Capabilities)
{
    public AgentDefinition ToDefinition() => new(Name ?? "", Model ?? "", Specialization, Config, Capabilities);
}

using System.Text.Json;
using AgentLightning.AgentDesigner.Application;

namespace AgentLightning.AgentDesigner.Endpoints.Agents;

/// <summary>Everything optional here so that a missing field is reported by name rather than as a JSON error.</summary>
internal sealed record CreateAgentRequest(
    string? Id, string? Name, string? Model, string? Specialization, JsonElement? Config, IReadOnlyList<string>? Capabilities, string? Status)
{
    public AgentDefinition ToDefinition() => new(Name ?? "", Model ?? "", Specialization, Config, Capabilities);
}

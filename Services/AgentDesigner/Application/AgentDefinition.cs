using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.AgentDesigner.Application;

/// <summary>What a caller may set on an agent as a whole; status and identity change by their own requests.</summary>
internal sealed record AgentDefinition(
    string Name, string Model, string? Specialization, JsonElement? Config, IReadOnlyList<string>? Capabilities)
{
    private const int MaxTextLength = 200;

    public void Validate()
    {
        Fields.Required(Name, "name", MaxTextLength);
        Fields.Required(Model, "model", MaxTextLength);
        Fields.Optional(Specialization, "specialization", MaxTextLength);
        Fields.JsonObject(Config, "config");
        foreach (var capability in Capabilities ?? [])
        {
            Fields.Required(capability, "capabilities", MaxTextLength);
        }
    }

    public void ApplyTo(Agent agent)
    {
        agent.Name = Name;
        agent.Model = Model;
        agent.Specialization = Specialization;
        agent.Config = Fields.JsonObject(Config, "config");
        agent.Capabilities = [.. Capabilities ?? []];
    }

    /// <summary>jsonb normalises the stored text, so configs compare as JSON, not as strings.</summary>
    public bool Matches(Agent agent) =>
        agent.Name == Name && agent.Model == Model && agent.Specialization == Specialization
        && agent.Capabilities.SequenceEqual(Capabilities ?? [])
        && JsonElement.DeepEquals(Fields.ToElement(agent.Config), Fields.ToElement(Fields.JsonObject(Config, "config")));
}

using System.Text.Json;
using AgentLightning.WorkflowEngine.Application;

namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

/// <summary>The whole definition, for create and replace; everything optional so a missing field is reported by name.</summary>
internal sealed record WorkflowRequest(string? Name, string? Description, IReadOnlyList<StepDefinition?>? Steps, JsonElement? Context)
{
    public WorkflowDefinition ToDefinition() => new(Name, Description, Steps, Context);
}

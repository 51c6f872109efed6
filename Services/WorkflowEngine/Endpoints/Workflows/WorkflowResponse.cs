using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;
using AgentLightning.WorkflowEngine.Application;

namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

internal sealed record WorkflowResponse(
    Guid Id, string Name, string? Description, IReadOnlyList<StepDefinition> Steps, JsonElement Context, string? CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static WorkflowResponse From(Workflow workflow) => new(
        workflow.Id, workflow.Name, workflow.Description, WorkflowDefinition.StepsOf(workflow), Fields.ToElement(workflow.Context),
        workflow.CreatedBy, workflow.CreatedAt, workflow.UpdatedAt, workflow.Version);
}

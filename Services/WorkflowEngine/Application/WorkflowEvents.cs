using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>The events of a workflow definition, built from its state after the change.</summary>
internal static class WorkflowEvents
{
    public static WorkflowDefined Defined(Workflow workflow, DateTimeOffset at) => new()
    {
        WorkflowId = workflow.Id,
        Name = workflow.Name,
        Description = workflow.Description,
        Steps = StepsOf(workflow),
        CreatedBy = workflow.CreatedBy,
        Context = Fields.ToElement(workflow.Context),
        Version = workflow.Version,
        OccurredAt = at,
    };

    public static WorkflowUpdated Updated(Workflow workflow, DateTimeOffset at) => new()
    {
        WorkflowId = workflow.Id,
        Name = workflow.Name,
        Description = workflow.Description,
        Steps = StepsOf(workflow),
        CreatedBy = workflow.CreatedBy,
        Context = Fields.ToElement(workflow.Context),
        Version = workflow.Version,
        OccurredAt = at,
    };

    public static WorkflowDeleted Deleted(Workflow workflow, DateTimeOffset at) =>
        new() { WorkflowId = workflow.Id, Version = workflow.Version, OccurredAt = at };

    public static IReadOnlyList<WorkflowStep> StepsOf(Workflow workflow) =>
        [.. WorkflowDefinition.StepsOf(workflow).Select(s => s.ToContract())];
}

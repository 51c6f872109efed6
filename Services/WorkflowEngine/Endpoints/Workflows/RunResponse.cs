using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.WorkflowEngine.Application;

namespace AgentLightning.WorkflowEngine.Endpoints.Workflows;

/// <summary>A run with its steps; <see cref="RunId"/> is the saga's correlation id.</summary>
internal sealed record RunResponse(
    Guid RunId, Guid WorkflowId, long WorkflowVersion, string Status, string? ErrorMessage, IReadOnlyList<RunStep> Steps,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static RunResponse From(WorkflowRun run) => new(
        run.Id, run.WorkflowId, run.WorkflowVersion, run.Status, run.ErrorMessage, RunStep.Deserialize(run.Steps),
        run.CreatedAt, run.UpdatedAt, run.Version);
}

using System.Text.Json;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.WorkflowEngine.Endpoints.Tasks;

internal sealed record TaskResponse(
    Guid Id, string AgentId, string Description, string Status, int Priority, int Progress, JsonElement Context,
    JsonElement? Result, string? ErrorMessage, Guid? WorkflowId, Guid? RunId, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt, long Version)
{
    public static TaskResponse From(AgentTask task) => new(
        task.Id, task.AgentId, task.Description, task.Status, task.Priority, task.Progress, Fields.ToElement(task.Context),
        Fields.ToElementOrNull(task.Result), task.ErrorMessage, task.WorkflowId, task.RunId, task.CreatedAt, task.StartedAt,
        task.CompletedAt, task.Version);
}

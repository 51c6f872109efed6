using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>The messages a task causes, built from its state after the change (so they carry the new version).</summary>
internal static class TaskEvents
{
    public static TaskCreated Created(AgentTask task, DateTimeOffset at) => new()
    {
        TaskId = task.Id,
        AgentId = task.AgentId,
        Description = task.Description,
        Status = task.Status,
        Priority = task.Priority,
        Context = Fields.ToElement(task.Context),
        WorkflowId = task.WorkflowId,
        RunId = task.RunId,
        Version = task.Version,
        OccurredAt = at,
    };

    public static ExecuteTask Execute(AgentTask task, string model) => new()
    {
        TaskId = task.Id,
        AgentId = task.AgentId,
        Model = model,
        Description = task.Description,
        Priority = task.Priority,
        Context = Fields.ToElement(task.Context),
    };

    public static TaskStarted Started(AgentTask task, DateTimeOffset at) =>
        new() { TaskId = task.Id, AgentId = task.AgentId, RunId = task.RunId, Version = task.Version, OccurredAt = at };

    public static TaskProgressed Progressed(AgentTask task, string? note, DateTimeOffset at) =>
        new() { TaskId = task.Id, AgentId = task.AgentId, Percent = task.Progress, Note = note, Version = task.Version, OccurredAt = at };

    public static TaskCompleted Completed(AgentTask task, DateTimeOffset at) =>
        new() { TaskId = task.Id, AgentId = task.AgentId, RunId = task.RunId, Result = Fields.ToElementOrNull(task.Result), Version = task.Version, OccurredAt = at };

    public static TaskFailed Failed(AgentTask task, DateTimeOffset at) =>
        new() { TaskId = task.Id, AgentId = task.AgentId, RunId = task.RunId, ErrorMessage = task.ErrorMessage ?? "", Version = task.Version, OccurredAt = at };

    public static TaskCancelled Cancelled(AgentTask task, string? reason, DateTimeOffset at) =>
        new() { TaskId = task.Id, AgentId = task.AgentId, RunId = task.RunId, Reason = reason, Version = task.Version, OccurredAt = at };
}

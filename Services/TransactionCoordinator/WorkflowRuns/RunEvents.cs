using System.Text.Json;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.TransactionCoordinator.WorkflowRuns;

/// <summary>The messages a run sends and publishes, built from its state after the change.</summary>
internal static class RunEvents
{
    public static WorkflowStarted Started(WorkflowRunState run, StartWorkflow start, long version) => new()
    {
        RunId = run.CorrelationId,
        WorkflowId = run.WorkflowId,
        Name = start.Name,
        Description = start.Description,
        Steps = start.Steps,
        CreatedBy = start.CreatedBy,
        AssignedTo = start.AssignedTo,
        Context = start.Context,
        Version = version,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static WorkflowStepCompleted StepCompleted(WorkflowRunState run, int index, RunStep step, long version) => new()
    {
        RunId = run.CorrelationId,
        WorkflowId = run.WorkflowId,
        StepIndex = index,
        StepName = step.Name,
        TaskId = step.TaskId!.Value,
        Result = step.Result,
        Version = version,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static WorkflowCompleted Completed(WorkflowRunState run, long version) =>
        new() { RunId = run.CorrelationId, WorkflowId = run.WorkflowId, Context = Context(run), Version = version, OccurredAt = DateTimeOffset.UtcNow };

    public static WorkflowFailed Failed(WorkflowRunState run, long version) => new()
    {
        RunId = run.CorrelationId,
        WorkflowId = run.WorkflowId,
        StepIndex = run.FailedStepIndex,
        ErrorMessage = run.ErrorMessage ?? "failed",
        Version = version,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static WorkflowCancelled Cancelled(WorkflowRunState run, long version) =>
        new() { RunId = run.CorrelationId, WorkflowId = run.WorkflowId, Reason = run.ErrorMessage, Version = version, OccurredAt = DateTimeOffset.UtcNow };

    /// <summary>The task gets the step's input when it is a JSON object, else the run's context (a task's context is an object).</summary>
    public static CreateTask CreateTask(WorkflowRunState run, RunStep step, Guid taskId, string description) => new()
    {
        TaskId = taskId,
        AgentId = step.AgentId,
        Description = description,
        Context = step.Input is { ValueKind: JsonValueKind.Object } input ? input : Context(run),
        WorkflowId = run.WorkflowId,
        RunId = run.CorrelationId,
    };

    private static JsonElement Context(WorkflowRunState run)
    {
        using var document = JsonDocument.Parse(run.Context);
        return document.RootElement.Clone();
    }
}

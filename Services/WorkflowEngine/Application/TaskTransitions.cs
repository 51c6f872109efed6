using System.Text.Json;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Validation;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>What a request does to a task in its current state.</summary>
internal enum Verdict
{
    /// <summary>The change applies.</summary>
    Apply,

    /// <summary>The task already is where the request would take it: idempotent, nothing changes or is published.</summary>
    Done,

    /// <summary>The request contradicts what happened: refused visibly (409, or CommandRejected and a dead letter).</summary>
    Refuse,
}

/// <summary>
/// The task's life: pending → started → completed | failed | cancelled, only forwards. AI Model's reports can
/// arrive out of order (redeliveries reorder a queue), so a report that skips a state still applies (a
/// completion of a pending task), and one that arrives after a later state is the same outcome when it says
/// nothing new (a start after the completion). A report that contradicts the final state (a completion of a
/// cancelled task, a second completion with another result) is refused.
/// </summary>
internal static class TaskTransitions
{
    public static bool IsFinal(AgentTask task) => task.Status is TaskStatuses.Completed or TaskStatuses.Failed or TaskStatuses.Cancelled;

    public static (Verdict, string?) Start(AgentTask task) => task switch
    {
        { Status: TaskStatuses.Pending } => (Verdict.Apply, null),
        { StartedAt: not null } => (Verdict.Done, null),
        _ => (Verdict.Refuse, $"the task was {task.Status} before it started"),
    };

    /// <summary>Progress never goes back; a report on a finished task is stale, not a contradiction.</summary>
    public static (Verdict, string?) Progress(AgentTask task, int percent) =>
        !IsFinal(task) && (task.Status == TaskStatuses.Pending || percent > task.Progress) ? (Verdict.Apply, null) : (Verdict.Done, null);

    public static (Verdict, string?) Complete(AgentTask task, string? result) => task.Status switch
    {
        TaskStatuses.Pending or TaskStatuses.Started => (Verdict.Apply, null),
        TaskStatuses.Completed when SameJson(task.Result, result) => (Verdict.Done, null),
        TaskStatuses.Completed => (Verdict.Refuse, "the task already completed with another result"),
        _ => (Verdict.Refuse, $"the task is already {task.Status}"),
    };

    public static (Verdict, string?) Fail(AgentTask task, string errorMessage) => task.Status switch
    {
        TaskStatuses.Pending or TaskStatuses.Started => (Verdict.Apply, null),
        TaskStatuses.Failed when task.ErrorMessage == errorMessage => (Verdict.Done, null),
        TaskStatuses.Failed => (Verdict.Refuse, "the task already failed with another error"),
        _ => (Verdict.Refuse, $"the task is already {task.Status}"),
    };

    public static (Verdict, string?) Cancel(AgentTask task) => task.Status switch
    {
        TaskStatuses.Pending or TaskStatuses.Started => (Verdict.Apply, null),
        TaskStatuses.Cancelled => (Verdict.Done, null),
        _ => (Verdict.Refuse, $"the task is already {task.Status}"),
    };

    /// <summary>jsonb normalises the stored text, so results compare as JSON.</summary>
    private static bool SameJson(string? stored, string? given) =>
        stored is null || given is null ? stored == given : JsonElement.DeepEquals(Fields.ToElement(stored), Fields.ToElement(given));
}

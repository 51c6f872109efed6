using System.Text.Json;
using AgentLightning.Contracts.Workflows;

namespace AgentLightning.TransactionCoordinator.WorkflowRuns;

/// <summary>
/// One step of a run as the saga keeps it (the saga's steps column): its definition, and the task that currently
/// does it or undoes it. Only the current task's events count; every task the step had is listed for inspection.
/// </summary>
internal sealed class RunStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required string Name { get; init; }

    public required string AgentId { get; init; }

    public string? Description { get; init; }

    public string? Compensation { get; init; }

    public TimeSpan Timeout { get; init; }

    public int RetryCount { get; init; }

    public string? ParallelGroup { get; init; }

    public JsonElement? Input { get; init; }

    /// <summary>One of <see cref="RunStepStatuses"/>.</summary>
    public string Status { get; set; } = RunStepStatuses.Pending;

    /// <summary>The task whose outcome the step waits for (or waited for last).</summary>
    public Guid? TaskId { get; set; }

    public List<Guid> TaskIds { get; init; } = [];

    /// <summary>The message id of the current task's CreateTask: a CommandRejected names it, and so the step.</summary>
    public Guid? CommandId { get; set; }

    public int Attempts { get; set; }

    public int CompensationAttempts { get; set; }

    /// <summary>
    /// When the current task counts as failed (it is cancelled then). A step has one exactly while it awaits a task's
    /// answer — its work (running), its compensation (compensating) or the end of a task the run cancelled
    /// (cancelling) — and none otherwise, so the deadline is also what says the step is awaiting.
    /// </summary>
    public DateTime? Deadline { get; set; }

    public JsonElement? Result { get; set; }

    public string? Error { get; set; }

    /// <summary>Workflow Engine fills in the timeout; a step without one gets its default (300 s).</summary>
    public static RunStep From(WorkflowStep step) => new()
    {
        Name = step.Name,
        AgentId = step.AgentId,
        Description = step.Description,
        Compensation = step.Compensation,
        Timeout = step.Timeout ?? TimeSpan.FromMinutes(5),
        RetryCount = Math.Max(0, step.RetryCount),
        ParallelGroup = string.IsNullOrWhiteSpace(step.ParallelGroup) ? null : step.ParallelGroup,
        Input = step.Input,
    };

    /// <summary>Steps run together when they are consecutive and name the same parallel group.</summary>
    public bool RunsWith(RunStep other) => ParallelGroup is not null && ParallelGroup == other.ParallelGroup;

    public bool Awaits(Guid taskId) => TaskId == taskId;

    public static List<RunStep> Read(string json) => JsonSerializer.Deserialize<List<RunStep>>(json, Json) ?? [];

    public static string Write(List<RunStep> steps) => JsonSerializer.Serialize(steps, Json);
}

public static class RunStepStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>
    /// The run stopped while its task ran and sent CancelTask: the run waits for the task's end (cancelled, failed, or
    /// completed first — then it is compensated like any completed step) before it undoes anything.
    /// </summary>
    public const string Cancelling = "cancelling";

    /// <summary>Stopped by the saga (the run failed elsewhere or was cancelled) before its task did anything lasting.</summary>
    public const string Cancelled = "cancelled";
    public const string Compensating = "compensating";
    public const string Compensated = "compensated";

    /// <summary>Its compensation failed (after its retries) or timed out; the run's other compensations went on.</summary>
    public const string CompensationFailed = "compensation-failed";
}

using AgentLightning.Infrastructure.Messaging.Sagas;

namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// The Transaction Coordinator's WorkflowRun saga (table <c>workflow_run_sagas</c>): a run of a workflow definition,
/// its steps (each a task of Workflow Engine's) and how far it got. Its correlation id is the run id.
/// </summary>
public sealed class WorkflowRunState : SagaState
{
    public const int MaxNameLength = 200;
    public const int MaxOutcomeLength = 32;

    public Guid WorkflowId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The run's context (a JSON object, jsonb), given to each step's task.</summary>
    public string Context { get; set; } = "{}";

    /// <summary>The steps with their progress: status, current task, attempts, deadline, result (JSON array, jsonb).</summary>
    public string Steps { get; set; } = "[]";

    /// <summary>The version of the last event published for the run (Workflow Engine's run view orders by it).</summary>
    public long EventVersion { get; set; }

    /// <summary>Null while running; "failed" or "cancelled" from the moment compensation begins; "completed".</summary>
    public string? Outcome { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>The step whose failure stopped the run, if one did.</summary>
    public int? FailedStepIndex { get; set; }

    /// <summary>The earliest deadline of a running task, for which a timeout is scheduled.</summary>
    public DateTime? DeadlineAt { get; set; }

    /// <summary>The scheduled timeout's token (MassTransit's Schedule).</summary>
    public Guid? DeadlineTokenId { get; set; }
}

namespace AgentLightning.TransactionCoordinator.WorkflowRuns;

/// <summary>The run's scheduled timeout: the tasks whose deadline is at or before <see cref="Due"/> count as failed.</summary>
public sealed record WorkflowStepDeadline
{
    public required Guid RunId { get; init; }

    public required DateTime Due { get; init; }
}

namespace AgentLightning.Contracts.Workflows;

public sealed record WorkflowFailed
{
    /// <summary>The run (the saga's correlation id); its events are numbered 1, 2, 3… by <c>Version</c>, without a gap.</summary>
    public Guid RunId { get; init; }

    public required Guid WorkflowId { get; init; }

    public int? StepIndex { get; init; }

    public required string ErrorMessage { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

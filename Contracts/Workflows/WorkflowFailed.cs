namespace AgentLightning.Contracts.Workflows;

public sealed record WorkflowFailed
{
    public required Guid WorkflowId { get; init; }

    public int? StepIndex { get; init; }

    public required string ErrorMessage { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

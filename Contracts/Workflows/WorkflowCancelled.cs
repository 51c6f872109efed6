namespace AgentLightning.Contracts.Workflows;

public sealed record WorkflowCancelled
{
    public required Guid WorkflowId { get; init; }

    public string? Reason { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

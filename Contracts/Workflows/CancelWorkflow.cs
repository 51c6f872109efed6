namespace AgentLightning.Contracts.Workflows;

public sealed record CancelWorkflow
{
    public required Guid WorkflowId { get; init; }

    public string? Reason { get; init; }
}

namespace AgentLightning.Contracts.Workflows;

/// <summary>Cancels a run (compensating what it did); owned by the Transaction Coordinator.</summary>
public sealed record CancelWorkflow
{
    public required Guid RunId { get; init; }

    public required Guid WorkflowId { get; init; }

    public string? Reason { get; init; }
}

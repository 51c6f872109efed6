namespace AgentLightning.Contracts.Workflows;

/// <summary>A workflow definition was deleted; its runs keep their history.</summary>
public sealed record WorkflowDeleted
{
    public required Guid WorkflowId { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

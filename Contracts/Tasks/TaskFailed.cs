namespace AgentLightning.Contracts.Tasks;

public sealed record TaskFailed
{
    public required Guid TaskId { get; init; }

    public required string AgentId { get; init; }

    /// <summary>The workflow run (saga) whose step this task is; null for a task of no run.</summary>
    public Guid? RunId { get; init; }

    public required string ErrorMessage { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

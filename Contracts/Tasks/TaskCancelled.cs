namespace AgentLightning.Contracts.Tasks;

public sealed record TaskCancelled
{
    public required Guid TaskId { get; init; }

    public required string AgentId { get; init; }

    public string? Reason { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

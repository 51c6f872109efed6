namespace AgentLightning.Contracts.Tasks;

public sealed record CancelTask
{
    public required Guid TaskId { get; init; }

    public string? Reason { get; init; }

    public long? ExpectedVersion { get; init; }
}

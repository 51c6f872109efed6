namespace AgentLightning.Contracts.Tasks;

public sealed record StartTask
{
    public required Guid TaskId { get; init; }

    public long? ExpectedVersion { get; init; }
}

namespace AgentLightning.Contracts.Tasks;

public sealed record FailTask
{
    public required Guid TaskId { get; init; }

    public required string ErrorMessage { get; init; }

    public long? ExpectedVersion { get; init; }
}

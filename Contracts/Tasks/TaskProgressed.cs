namespace AgentLightning.Contracts.Tasks;

public sealed record TaskProgressed
{
    public required Guid TaskId { get; init; }

    public required string AgentId { get; init; }

    public required int Percent { get; init; }

    public string? Note { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

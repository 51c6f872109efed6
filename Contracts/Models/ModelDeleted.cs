namespace AgentLightning.Contracts.Models;

public sealed record ModelDeleted
{
    public required string Name { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

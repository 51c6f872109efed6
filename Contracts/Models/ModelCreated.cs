namespace AgentLightning.Contracts.Models;

public sealed record ModelCreated
{
    public required string Name { get; init; }

    /// <summary>One of <see cref="ModelProviders"/>.</summary>
    public required string Provider { get; init; }

    public required string ProviderModel { get; init; }

    public required int ContextWindow { get; init; }

    public required int MaxConcurrentTasks { get; init; }

    public required long Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

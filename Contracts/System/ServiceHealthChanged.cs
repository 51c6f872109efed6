namespace AgentLightning.Contracts.System;

public sealed record ServiceHealthChanged
{
    public required string Service { get; init; }

    public string? PreviousStatus { get; init; }

    public required string Status { get; init; }

    public string? Detail { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

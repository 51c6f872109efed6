namespace AgentLightning.Contracts.System;

/// <summary>
/// Something an operator should see. <see cref="Attributes"/> holds searchable facts such as a transaction
/// id.
/// </summary>
public sealed record SystemAlert
{
    public required Guid AlertId { get; init; }

    public required string Severity { get; init; }

    public required string Source { get; init; }

    public required string Title { get; init; }

    public string? Detail { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset OccurredAt { get; init; }
}

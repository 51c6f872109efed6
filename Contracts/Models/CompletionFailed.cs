namespace AgentLightning.Contracts.Models;

public sealed record CompletionFailed
{
    public required Guid RequestId { get; init; }

    public string? AgentId { get; init; }

    public required string Model { get; init; }

    public required string ErrorMessage { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

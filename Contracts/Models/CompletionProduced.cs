namespace AgentLightning.Contracts.Models;

public sealed record CompletionProduced
{
    public required Guid RequestId { get; init; }

    public string? AgentId { get; init; }

    public required string Model { get; init; }

    public required string Text { get; init; }

    public required int PromptTokens { get; init; }

    public required int CompletionTokens { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

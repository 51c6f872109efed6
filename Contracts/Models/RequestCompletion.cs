namespace AgentLightning.Contracts.Models;

/// <summary>
/// Asks the AI Model Service for a completion; answered with <see cref="CompletionProduced"/> or
/// <see cref="CompletionFailed"/> under the same <see cref="RequestId"/>.
/// </summary>
public sealed record RequestCompletion
{
    public required Guid RequestId { get; init; }

    public string? AgentId { get; init; }

    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public string? SystemPrompt { get; init; }

    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }
}

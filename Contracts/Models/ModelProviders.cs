namespace AgentLightning.Contracts.Models;

/// <summary>The providers a model can run on.</summary>
public static class ModelProviders
{
    /// <summary>Built in, deterministic, no network.</summary>
    public const string Local = "local";

    /// <summary>An OpenAI-compatible chat-completions endpoint.</summary>
    public const string OpenAi = "openai";

    public static IReadOnlyList<string> All { get; } = [Local, OpenAi];
}

namespace AgentLightning.AiModel.Providers;

/// <summary>An OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI's v1 API, vLLM, Ollama, LM Studio...).</summary>
public sealed class OpenAiOptions
{
    public const string Section = "AiModel:OpenAi";

    /// <summary>The API's base, e.g. https://api.openai.com/v1/; chat/completions is requested under it.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1/");

    /// <summary>Sent as a bearer token; from the environment (AiModel__OpenAi__ApiKey), never committed. Empty: tasks on openai models fail, saying so.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The provider model sent for registry entries whose providerModel is "default"; others send their own.</summary>
    public string Model { get; set; } = "";
}

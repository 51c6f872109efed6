using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using AgentLightning.Contracts.Models;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Providers;

/// <summary>
/// Runs a task as one chat completion. A typed client: timeouts, retries of transient failures and the circuit
/// breaker come from its resilience handler (<see cref="ProviderRegistration"/>); what is left failing fails the task.
/// </summary>
internal sealed class OpenAiProvider(HttpClient http, IOptionsMonitor<OpenAiOptions> options) : ICompletionProvider
{
    public const string DefaultModel = "default";

    private const string SystemPrompt = "You are an agent of the Agent Lightning platform. Do the task you are given and answer with its result.";

    public string Name => ModelProviders.OpenAi;

    public async Task<JsonElement> ExecuteAsync(ProviderRequest request, Func<int, string, Task> progress, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            throw new InvalidOperationException($"no API key is configured ({OpenAiOptions.Section}:ApiKey)");
        }

        var model = request.ProviderModel == DefaultModel && settings.Model.Length > 0 ? settings.Model : request.ProviderModel;
        var prompt = request.Context is null ? request.Description : $"{request.Description}\n\nContext (JSON): {request.Context}";
        var body = new ChatRequest(model, [new ChatMessage("system", SystemPrompt), new ChatMessage("user", prompt)]);
        var baseUrl = settings.BaseUrl.AbsoluteUri.EndsWith('/') ? settings.BaseUrl : new Uri(settings.BaseUrl.AbsoluteUri + "/");
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "chat/completions")) { Content = JsonContent.Create(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);

        await progress(10, "sent to the provider");
        using var response = await http.SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"the provider answered {(int)response.StatusCode} {response.ReasonPhrase}: {text[..Math.Min(text.Length, 300)]}");
        }

        var answer = await response.Content.ReadFromJsonAsync<ChatResponse>(cancellationToken);
        var choice = answer?.Choices is [var first, ..] ? first : throw new InvalidOperationException("the provider answered without a choice");
        return JsonSerializer.SerializeToElement(new
        {
            provider = Name,
            model = answer.Model ?? model,
            text = choice.Message?.Content ?? "",
            finishReason = choice.FinishReason,
            promptTokens = answer.Usage?.PromptTokens,
            completionTokens = answer.Usage?.CompletionTokens,
        });
    }

    private sealed record ChatRequest(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages);

    private sealed record ChatMessage(
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("content")] string? Content);

    private sealed record ChatResponse(
        [property: JsonPropertyName("model")] string? Model,
        [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoice>? Choices,
        [property: JsonPropertyName("usage")] ChatUsage? Usage);

    private sealed record ChatChoice(
        [property: JsonPropertyName("message")] ChatMessage? Message,
        [property: JsonPropertyName("finish_reason")] string? FinishReason);

    private sealed record ChatUsage(
        [property: JsonPropertyName("prompt_tokens")] int? PromptTokens,
        [property: JsonPropertyName("completion_tokens")] int? CompletionTokens);
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>
/// A small OpenAI-compatible chat-completions server on 127.0.0.1. What it does depends on the user message:
/// "flaky" fails once with 503 then answers, "broken" always answers 500, "slow" never answers in time,
/// anything else is answered at once.
/// </summary>
public sealed class ChatCompletionsStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    private ChatCompletionsStub(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First() + "/v1/");

    public ConcurrentQueue<(string? Authorization, JsonElement Body)> Requests { get; } = new();

    public int AttemptsOf(string userMessage) => _attempts.GetValueOrDefault(userMessage);

    /// <summary>AI Model's settings for this stub: its address, a key, and a resilience pipeline fast enough for specs.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AiModel:OpenAi:BaseUrl"] = BaseUrl.ToString(),
            ["AiModel:OpenAi:ApiKey"] = "test-key",
            ["AiModel:OpenAi:Resilience:Retry:MaxRetryAttempts"] = "2",
            ["AiModel:OpenAi:Resilience:Retry:Delay"] = "00:00:00.010",
            ["AiModel:OpenAi:Resilience:AttemptTimeout:Timeout"] = "00:00:00.500",
            ["AiModel:OpenAi:Resilience:TotalRequestTimeout:Timeout"] = "00:00:05",
            ["AiModel:OpenAi:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:02",
            ["AiModel:OpenAi:Resilience:CircuitBreaker:MinimumThroughput"] = "100",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<ChatCompletionsStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new ChatCompletionsStub(app);
        app.MapPost("/v1/chat/completions", (Delegate)stub.AnswerAsync);
        await app.StartAsync();
        return stub;
    }

    private async Task<IResult> AnswerAsync(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
        Requests.Enqueue((http.Request.Headers.Authorization.ToString(), body));
        var user = body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;
        var attempt = _attempts.AddOrUpdate(user, 1, (_, n) => n + 1);
        if (user.Contains("broken", StringComparison.Ordinal) || (user.Contains("flaky", StringComparison.Ordinal) && attempt == 1))
        {
            return Results.Text("{\"error\":{\"message\":\"overloaded\"}}", "application/json", statusCode: user.Contains("broken", StringComparison.Ordinal) ? 500 : 503);
        }

        if (user.Contains("slow", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
        }

        return Results.Json(new
        {
            id = "chatcmpl-stub",
            model = body.GetProperty("model").GetString(),
            choices = new[] { new { index = 0, message = new { role = "assistant", content = "stub says: " + user }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 12, completion_tokens = 5 },
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

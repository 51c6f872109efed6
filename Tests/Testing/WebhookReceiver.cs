using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace AgentLightning.Testing;

/// <summary>One webhook POST as a receiver got it: the Standard Webhooks headers and the body, byte for byte as text.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string Body)
{
    /// <summary>What a receiver does with the Standard Webhooks library: throws unless the signature is the secret's.</summary>
    public void Verify(string secret) =>
        new StandardWebhook(secret).Verify(Body, new HeaderDictionary
        {
            ["webhook-id"] = Id,
            ["webhook-timestamp"] = Timestamp,
            ["webhook-signature"] = Signature,
        });

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// A webhook receiver on 127.0.0.1, as a developer runs one: records every POST and answers with <see cref="Status"/>.
/// Stopped and started again on the same port, it keeps what it received (a receiver that was down for a while).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received;
    private WebApplication? _app;

    private WebhookReceiver(ConcurrentQueue<ReceivedWebhook> received) => _received = received;

    public int Port { get; private set; }

    public Uri Url(string path = "/hooks") => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>What the receiver answers; a failing one says why in its body.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public IReadOnlyList<ReceivedWebhook> ReceivedAt(string path) => [.. _received.Where(r => r.Path == path)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(new ConcurrentQueue<ReceivedWebhook>());
        await receiver.StartAsync(0);
        return receiver;
    }

    /// <summary>Goes away: connections to its port are refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public Task RestartAsync() => StartAsync(Port);

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var headers = http.Request.Headers;
            _received.Enqueue(new ReceivedWebhook(
                http.Request.Path, headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), body));
            var status = Status;
            return status is >= 200 and < 300 ? Results.StatusCode(status) : Results.Text("receiver down for maintenance", "text/plain", statusCode: status);
        });
        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }
}

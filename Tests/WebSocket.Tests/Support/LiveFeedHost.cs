using AgentLightning.Testing;
using AgentLightning.WebSocket.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.WebSocket.Tests.Support;

/// <summary>One instance of the WebSocket service, built as Program.cs builds it, on Kestrel at a free loopback port.</summary>
public sealed class LiveFeedHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveFeedHost(WebApplication app) => _app = app;

    public Uri SocketUri => new(_app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");

    public Uri HttpUri => new(_app.Urls.First());

    public IServiceProvider Services => _app.Services;

    internal LiveFeed Feed => _app.Services.GetRequiredService<LiveFeed>();

    internal FeedMetrics Metrics => _app.Services.GetRequiredService<FeedMetrics>();

    public static async Task<LiveFeedHost> StartAsync(string postgres, string queuePrefix, IDictionary<string, string?>? settings = null)
    {
        var builder = TestWebService.CreateBuilder(new Dictionary<string, string?>
        {
            ["Service:Name"] = "websocket",
            ["Auth:Authority"] = TestTokenAuthority.Shared.Authority,
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["ConnectionStrings:RabbitMq"] = TestServers.RabbitMq,
            ["Messaging:QueuePrefix"] = queuePrefix,
            ["Messaging:WaitUntilStarted"] = "true",
            ["Cache:SchemaVersion"] = "w" + queuePrefix.Replace("-", "", StringComparison.Ordinal),
            ["Logging:LogLevel:Default"] = "Warning",
        }, "AgentLightning.WebSocket");
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var app = TestWebService.Build(builder, b => b.AddLiveFeed(), a => a.MapLiveFeed());
        await app.StartAsync();
        return new LiveFeedHost(app);
    }

    /// <summary>A viewer's client, authenticated and subscribed to <paramref name="patterns"/>.</summary>
    public Task<LiveClient> SubscribedAsync(params string[] patterns) =>
        LiveClient.SubscribedAsync(SocketUri, TestTokenAuthority.Shared.Issue("viewer-client", "viewer"), patterns);

    public Task<LiveClient> ConnectAsync(string? token = null) => LiveClient.ConnectAsync(SocketUri, token);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

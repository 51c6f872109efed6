using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Testing;
using AgentLightning.WebSocket.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "AgentLightning.WebSocket",
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
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
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.AddLiveFeed();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapLiveFeed();
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

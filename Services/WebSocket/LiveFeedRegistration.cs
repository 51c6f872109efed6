using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.WebSocket.Connections;
using AgentLightning.WebSocket.Consumers;
using AgentLightning.WebSocket.Endpoints;
using AgentLightning.WebSocket.Feed;

namespace AgentLightning.WebSocket;

/// <summary>Live events for browsers and tools: every event from the bus, on this instance's own queue, to its own sockets.</summary>
internal static class LiveFeedRegistration
{
    public static IHostApplicationBuilder AddLiveFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveFeedOptions>().BindConfiguration(LiveFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FeedMetrics>();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<LiveQueue>();
        builder.Services.AddScoped<SocketAuthenticator>();
        builder.AddMessaging(bus => bus.AddEventConsumers(typeof(LiveEventConsumer<>), typeof(LiveEventConsumerDefinition<>)));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication MapLiveFeed(this WebApplication app)
    {
        app.UseWebSockets();
        app.MapSocketEndpoint();
        return app;
    }
}

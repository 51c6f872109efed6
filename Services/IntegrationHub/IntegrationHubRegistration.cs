using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.IntegrationHub.Application;
using AgentLightning.IntegrationHub.Consumers;
using AgentLightning.IntegrationHub.Delivery;
using AgentLightning.IntegrationHub.Endpoints.Deliveries;
using AgentLightning.IntegrationHub.Endpoints.Integrations;
using AgentLightning.IntegrationHub.Proxy;
using MassTransit;

namespace AgentLightning.IntegrationHub;

/// <summary>The platform's edge to the outside: integrations, webhook delivery, and the commands other services send it.</summary>
internal static class IntegrationHubRegistration
{
    public static IHostApplicationBuilder AddIntegrationHub(this IHostApplicationBuilder builder)
    {
        builder.AddIntegrationProxy();
        builder.Services.AddScoped<IntegrationCommands>();
        builder.Services.AddWebhookDelivery(builder.Configuration);
        builder.AddMessaging(bus => bus.AddIntegrationHubConsumers());

        // A body that is not the expected JSON reaches the problem handler as a BadHttpRequestException (400).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>Every consumer in Consumers/ with its definition (internal types: MassTransit's namespace scan sees only public ones).</summary>
    public static IBusRegistrationConfigurator AddIntegrationHubConsumers(this IBusRegistrationConfigurator bus)
    {
        var consumers = typeof(RegisterIntegrationConsumer);
        bus.AddConsumers([.. consumers.Assembly.GetTypes().Where(t => t.Namespace == consumers.Namespace && !t.IsGenericTypeDefinition)]);
        bus.AddEventConsumers(typeof(WebhookEventConsumer<>), typeof(WebhookEventConsumerDefinition<>));
        return bus;
    }

    public static WebApplication MapIntegrationHub(this WebApplication app)
    {
        app.MapIntegrationProxy();
        app.MapIntegrationEndpoints();
        app.MapDeliveryEndpoints();
        return app;
    }
}

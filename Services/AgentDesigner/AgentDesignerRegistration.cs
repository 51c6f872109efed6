using AgentLightning.AgentDesigner.Application;
using AgentLightning.AgentDesigner.Consumers;
using AgentLightning.AgentDesigner.Endpoints.Agents;
using AgentLightning.AgentDesigner.Endpoints.Knowledge;
using AgentLightning.Infrastructure.Messaging;
using MassTransit;

namespace AgentLightning.AgentDesigner;

/// <summary>The owner of agents and knowledge: its HTTP API and the consumers of the commands other services send it.</summary>
internal static class AgentDesignerRegistration
{
    public static IHostApplicationBuilder AddAgentDesigner(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAgentDesignerCommands();
        builder.AddMessaging(bus => bus.AddAgentDesignerConsumers());

        // A body that is not the expected JSON then reaches the problem handler as a BadHttpRequestException,
        // so the 400 says what was wrong (in every environment, not only in Development).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AgentJson.Default));
        return builder;
    }

    public static IServiceCollection AddAgentDesignerCommands(this IServiceCollection services)
    {
        services.AddScoped<AgentCommands>();
        services.AddScoped<KnowledgeCommands>();
        return services;
    }

    /// <summary>
    /// Every consumer in Consumers/ with its definition, by convention. MassTransit's namespace scan only sees
    /// public types, and these are internal to the service, so the scan is done here.
    /// </summary>
    public static IBusRegistrationConfigurator AddAgentDesignerConsumers(this IBusRegistrationConfigurator bus)
    {
        var consumers = typeof(CreateAgentConsumer);
        bus.AddConsumers([.. consumers.Assembly.GetTypes().Where(t => t.Namespace == consumers.Namespace)]);
        return bus;
    }

    public static WebApplication MapAgentDesigner(this WebApplication app)
    {
        app.MapAgentEndpoints();
        app.MapKnowledgeEndpoints();
        return app;
    }
}

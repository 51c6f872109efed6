using AgentLightning.Infrastructure.Messaging;
using AgentLightning.WorkflowEngine.Application;
using AgentLightning.WorkflowEngine.Consumers;
using AgentLightning.WorkflowEngine.Endpoints.Tasks;
using AgentLightning.WorkflowEngine.Endpoints.Workflows;
using MassTransit;

namespace AgentLightning.WorkflowEngine;

/// <summary>The owner of workflow definitions and tasks: its HTTP API, the task commands and the runs' events it keeps.</summary>
internal static class WorkflowEngineRegistration
{
    public static IHostApplicationBuilder AddWorkflowEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWorkflowEngineCommands();
        builder.AddMessaging(bus => bus.AddWorkflowEngineConsumers());

        // A body that is not the expected JSON then reaches the problem handler as a BadHttpRequestException.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static IServiceCollection AddWorkflowEngineCommands(this IServiceCollection services)
    {
        services.AddScoped<TaskCommands>();
        services.AddScoped<WorkflowCommands>();
        services.AddScoped<RunCommands>();
        services.AddScoped<RunProjection>();
        return services;
    }

    /// <summary>Every consumer in Consumers/ with its definition (MassTransit's namespace scan sees only public types).</summary>
    public static IBusRegistrationConfigurator AddWorkflowEngineConsumers(this IBusRegistrationConfigurator bus)
    {
        var consumers = typeof(CreateTaskConsumer);
        bus.AddConsumers([.. consumers.Assembly.GetTypes().Where(t => t.Namespace == consumers.Namespace)]);
        return bus;
    }

    public static WebApplication MapWorkflowEngine(this WebApplication app)
    {
        app.MapTaskEndpoints();
        app.MapWorkflowEndpoints();
        app.MapRunEndpoints();
        return app;
    }
}

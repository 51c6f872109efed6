using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
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
        builder.Services.AddTaskCommandPartitions();
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

    /// <summary>The commands of one task run one at a time, in order (<see cref="CommandPartitioning"/>).</summary>
    public static IServiceCollection AddTaskCommandPartitions(this IServiceCollection services) => services
        .AddCommandPartitionKey<CreateTask>(c => c.TaskId)
        .AddCommandPartitionKey<StartTask>(c => c.TaskId)
        .AddCommandPartitionKey<ReportTaskProgress>(c => c.TaskId)
        .AddCommandPartitionKey<CompleteTask>(c => c.TaskId)
        .AddCommandPartitionKey<FailTask>(c => c.TaskId)
        .AddCommandPartitionKey<CancelTask>(c => c.TaskId);

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

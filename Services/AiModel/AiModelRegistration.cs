using AgentLightning.AiModel.Application;
using AgentLightning.AiModel.Consumers;
using AgentLightning.AiModel.Endpoints.Models;
using AgentLightning.AiModel.Execution;
using AgentLightning.AiModel.Providers;
using AgentLightning.Infrastructure.Messaging;
using MassTransit;

namespace AgentLightning.AiModel;

/// <summary>The owner of the model registry and the executor of tasks: its HTTP API, its consumers, its executor and providers.</summary>
internal static class AiModelRegistration
{
    public static IHostApplicationBuilder AddAiModel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ModelCommands>();
        builder.AddAiModelExecution();
        builder.AddMessaging(bus => bus.AddAiModelConsumers());

        // A body that is not the expected JSON then reaches the problem handler as a BadHttpRequestException.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>The queue's executor, the providers and reservations; a test host adds it to run tasks without HTTP.</summary>
    public static IHostApplicationBuilder AddAiModelExecution(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ExecutionOptions>().BindConfiguration(ExecutionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExecutionQueue>();
        services.AddSingleton<ExecutionSignal>();
        services.AddSingleton<TaskReports>();
        services.AddSingleton<ExecutionRunner>();
        services.AddScoped<CapacityReservations>();
        services.AddHostedService<ModelExecutor>();
        builder.AddProviders();
        return builder;
    }

    /// <summary>Every consumer in Consumers/ with its definition (internal types: MassTransit's namespace scan sees only public ones).</summary>
    public static IBusRegistrationConfigurator AddAiModelConsumers(this IBusRegistrationConfigurator bus)
    {
        var consumers = typeof(ExecuteTaskConsumer);
        bus.AddConsumers([.. consumers.Assembly.GetTypes().Where(t => t.Namespace == consumers.Namespace)]);
        return bus;
    }

    public static WebApplication MapAiModel(this WebApplication app)
    {
        app.MapModelEndpoints();
        return app;
    }
}

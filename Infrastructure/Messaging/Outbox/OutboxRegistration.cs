using AgentLightning.Infrastructure.Messaging.Scheduling;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

internal static class OutboxRegistration
{
    /// <summary>The bus outbox (HTTP scopes), the consumer outbox and inbox, their delivery and clean-up.</summary>
    public static IServiceCollection AddTransactionalOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, DuplicateDetectionWindowValidation>());
        services.AddRedeliveryPath(sp => new RedeliveryPath(
            "the scheduler's sends of a message until it gives up (Messaging:Scheduler)", RedeliverySpans.Scheduler(sp.GetRequiredService<IOptions<SchedulerOptions>>().Value)));
        services.AddRedeliveryPath(sp =>
        {
            var messaging = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            var scheduler = sp.GetRequiredService<IOptions<SchedulerOptions>>().Value;
            var longest = messaging.Endpoints.Values.Append(messaging.Retry).Max(policy => RedeliverySpans.Consumer(policy, scheduler));
            return new RedeliveryPath("in-process retries and scheduled redeliveries (Messaging:Retry, Messaging:Endpoints)", longest);
        });
        services.TryAddScoped<OutboxStaging>();
        services.TryAddSingleton<SagaSavepoints>();
        services.TryAddSingleton<OutboxDeliverySignal>();
        services.TryAddSingleton<OutboxDeliveryMetrics>();
        services.TryAddSingleton<OutboxDeadLettering>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, OutboxSaveChangesInterceptor>());
        services.TryAddScoped<IOutboxContextFactory<AgentLightningDbContext>, PostgresOutboxContextFactory>();

        // Ours instead of MassTransit's, so IPublishEndpoint and ISendEndpointProvider in a scope write to the outbox.
        services.RemoveAll<IScopedBusContextProvider<IBus>>();
        services.AddScoped<IScopedBusContextProvider<IBus>, OutboxScopedBusContextProvider>();

        services.AddHostedService<OutboxDeliveryService>();
        services.AddHostedService<InboxCleanupService>();
        return services;
    }

    /// <summary>Every consumer and saga on the endpoint runs in one transaction with its inbox mark and outbox.</summary>
    public static void UseTransactionalOutbox(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        var observer = new OutboxConsumePipeSpecificationObserver<AgentLightningDbContext>(endpoint, context);
        endpoint.ConnectConsumerConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(context.GetRequiredService<SagaSavepoints>().Observer());
    }
}

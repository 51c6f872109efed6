using MassTransit;
using MassTransit.Configuration;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

public static class SchedulingRegistration
{
    /// <summary>
    /// The PostgreSQL message scheduler: <see cref="IMessageScheduler"/> for application code, a scheduler on
    /// every consume context of the endpoints configured by ConfigureEndpoints (ScheduleSend, saga timeouts,
    /// scheduled redelivery), and the dispatcher that sends due messages. Needs AddPersistence.
    /// </summary>
    public static IBusRegistrationConfigurator AddPostgresMessageScheduler(this IBusRegistrationConfigurator bus)
    {
        bus.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        bus.AddMetrics();
        bus.TryAddSingleton(TimeProvider.System);
        bus.TryAddSingleton<DispatchSignal>();
        bus.TryAddSingleton<SchedulerMetrics>();
        bus.TryAddSingleton<ScheduledMessageStore>();
        bus.TryAddSingleton<SchedulerDeadLettering>();
        bus.TryAddSingleton<DispatchPass>();
        bus.TryAddScoped<ScheduledMessageStaging>();
        bus.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, ScheduledMessageSaveChangesInterceptor>());

        // Scoped like MassTransit's own schedulers: inside a consumer's scope the send endpoint provider is the consume
        // context, elsewhere the bus outbox; schedules follow the scope's sends into its unit of work.
        bus.TryAddScoped<IMessageScheduler>(sp => new MessageScheduler(
            new PostgresScheduleMessageProvider(sp.GetRequiredService<ISendEndpointProvider>(), sp.GetRequiredService<ScheduledMessageStaging>(),
                sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<IBus>().Topology));

        // Registered inside AddMassTransit, so after its hosted service: the dispatcher starts after the bus and
        // stops before it, finishing the batch in flight.
        bus.AddHostedService<ScheduledMessageDispatcher>();

        // A pre-pipe filter, as UseDelayedMessageScheduler adds at bus level: it runs before the message-type
        // pipes, where the redelivery filter looks for the scheduler (a plain endpoint UseFilter would run after it).
        bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.AddPrePipeSpecification(new FilterPipeSpecification<ConsumeContext>(
            new MessageSchedulerFilter(context.GetRequiredService<ScheduledMessageStore>(), context.GetRequiredService<TimeProvider>()))));
        return bus;
    }
}

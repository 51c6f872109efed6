using AgentLightning.Infrastructure.Hosting;
using AgentLightning.Infrastructure.Hosting.Telemetry;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

public static class DeadLetterRegistration
{
    /// <summary>
    /// Collects the dead letters of every receive endpoint this bus configures into the shared store, and offers
    /// <see cref="IDeadLetterReplayer"/> and <see cref="IDeadLetterStore"/>, where the outbox and the scheduler also
    /// put what they could never send. The store needs the <c>NpgsqlDataSource</c> (AddPersistence), the replayer
    /// also the EF Core model.
    /// </summary>
    public static IBusRegistrationConfigurator AddDeadLetters(this IBusRegistrationConfigurator bus)
    {
        bus.AddOptions<DeadLetterOptions>().BindConfiguration(DeadLetterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        bus.TryAddSingleton(TimeProvider.System);
        bus.AddMetrics();
        bus.TryAddSingleton<PlatformMetrics>();
        bus.TryAddSingleton<DeadLetterSources>();
        bus.TryAddSingleton(sp => new BrokerConnections(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(MessagingRegistration.ConnectionStringName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{MessagingRegistration.ConnectionStringName} is not set."),
            ServiceOptions.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ApplicationName)));
        bus.TryAddSingleton<IDeadLetterStore, DeadLetterStore>();
        bus.TryAddSingleton<ReplayPublisher>();
        bus.TryAddSingleton<IDeadLetterReplayer, DeadLetterReplayer>();
        bus.TryAddSingleton<UndeliverableMessages>();
        bus.AddHostedService<DeadLetterCollector>();

        // Recorded now, resolved when the collector starts: by then every definition has finished configuring.
        bus.AddConfigureEndpointsCallback((context, name, endpoint) => context.GetRequiredService<DeadLetterSources>().Add(name, endpoint));
        return bus;
    }
}

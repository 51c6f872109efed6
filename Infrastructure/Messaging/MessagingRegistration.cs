using AgentLightning.Infrastructure.Hosting.HealthChecks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Messaging.Scheduling;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentLightning.Infrastructure.Messaging;

public static class MessagingRegistration
{
    public const string ConnectionStringName = "RabbitMq";

    /// <summary>
    /// The bus over RabbitMQ with the platform's conventions: kebab-case endpoints, quorum queues, retries from
    /// configuration, and (through the transactional outbox) nothing sent outside a committed transaction.
    /// Each service calls it once, registering its consumers in <paramref name="configure"/>.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment ConnectionStrings__{ConnectionStringName}).");
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();

        services.TryAddScoped<ICommandSender, CommandSender>();
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<CommandRefusals>();
        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<MessagingOptions>>((host, messaging) =>
        {
            host.WaitUntilStarted = messaging.Value.WaitUntilStarted;
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.QueuePrefix, false));
            bus.ConfigureHealthCheckOptions(health => health.Tags.Add(HealthTags.Ready));
            bus.AddPostgresMessageScheduler();
            configure?.Invoke(bus);
            bus.AddDeadLetters();
            bus.AddConfigureEndpointsCallback((context, name, endpoint) => ConfigureEndpoint(context, name, endpoint));
            bus.UsingRabbitMq((context, rabbit) =>
            {
                RabbitMqConnection.Configure(rabbit, connectionString);
                if (options.QueuePrefix.Length > 0)
                {
                    // Events go to one exchange per message type: without the prefix, every bus on the broker that
                    // consumes a type (another run's, another test's) would get this bus's events of it too.
                    rabbit.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, options.QueuePrefix));
                }

                rabbit.PrefetchCount = context.GetRequiredService<IOptions<MessagingOptions>>().Value.PrefetchCount;
                rabbit.ConfigureEndpoints(context);
            });
        });
        services.AddTransactionalOutbox();
        services.AddSagaPurge();
        return builder;
    }

    private static void ConfigureEndpoint(IRegistrationContext context, string name, IReceiveEndpointConfigurator endpoint)
    {
        // A temporary endpoint (a live feed, one queue per instance, non-durable and auto-delete) keeps no state: no
        // quorum (RabbitMQ refuses a non-durable quorum queue), no retries through the scheduler, no inbox, and what
        // fails there is dropped, since an _error or _skipped queue would outlive it.
        if (endpoint is IRabbitMqReceiveEndpointConfiguration { Settings: var settings } && (!settings.Durable || settings.AutoDelete))
        {
            endpoint.DiscardFaultedMessages();
            endpoint.DiscardSkippedMessages();
            return;
        }

        // Quorum queues per endpoint (their _error and _skipped follow); never on the bus's temporary queue.
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
        }

        // Filters nest in the order they are added: scheduled redelivery (through the PostgreSQL scheduler, message
        // back on the queue later) wraps the in-process retries, each of which runs the consumer in its own
        // transaction (outbox and inbox). Neither retries a permanent failure (invalid input): it goes straight
        // to _error and so to the dead letters. The retries are one filter, immediate then exponential waits:
        // MassTransit's retry filter gives up at once when a retry filter inside it has given up.
        var messaging = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var retry = messaging.RetryFor(name);
        if (retry.RedeliveryIntervals.Length > 0)
        {
            endpoint.UseScheduledRedelivery(r => r.Intervals(retry.RedeliveryIntervals).KeepMessageId().ExceptPermanentFailures());
        }

        if (retry.RetryIntervals() is { Length: > 0 } intervals)
        {
            endpoint.UseMessageRetry(r => r.Intervals(intervals).ExceptPermanentFailures());
        }

        // Outside the transaction of each try. Outside the retries too, although added after them: MassTransit adds
        // the retry filters to each message's pipe when it validates the consumers, after this method, so a message
        // keeps its partition (its aggregate's next message waits) through its in-process retries.
        endpoint.UsePartitionedMessages(context, name, messaging);

        endpoint.UseTransactionalOutbox(context);
    }
}

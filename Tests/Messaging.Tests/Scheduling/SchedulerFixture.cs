using AgentLightning.Infrastructure.Messaging.Scheduling;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Messaging.Tests.Scheduling;

/// <summary>
/// Hosts with the platform's messaging (real RabbitMQ) on a scratch database. Queues carry a prefix of the
/// fixture's own, and are deleted with their exchanges at the end.
/// </summary>
public abstract class SchedulerFixture
{
    private readonly List<PlatformTestHost> _hosts = [];

    protected ScratchDatabase Database { get; private set; } = null!;

    protected string Prefix { get; } = MessagingTestHost.NewQueuePrefix();

    protected DeliveryLog Deliveries { get; } = new();

    internal ScheduledRows Rows { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        Database = await ScratchDatabase.CreateAsync();
        Rows = new ScheduledRows(Database.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task CleanUp()
    {
        foreach (var host in _hosts.ToList())
        {
            await StopHostAsync(host);
        }

        await RabbitMqManagement.DeleteAllAsync(Prefix);
        await Database.DisposeAsync();
    }

    /// <summary>Settings on top of MessagingTestHost's (and a dispatcher that polls often).</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    protected abstract void AddConsumers(IBusRegistrationConfigurator bus);

    protected async Task<PlatformTestHost> StartHostAsync(string name = "scheduler-test", Action<IHostApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?> { ["Messaging:Scheduler:PollInterval"] = "00:00:00.200" };
        Configure(settings);
        var host = await MessagingTestHost.StartAsync(Database.ConnectionString, Prefix, AddConsumers, name, settings, builder =>
        {
            builder.Services.AddSingleton(Deliveries);
            configure?.Invoke(builder);
        });
        _hosts.Add(host);
        return host;
    }

    protected async Task StopHostAsync(PlatformTestHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    /// <summary>
    /// Sent to the consumer's own exchange, not published: a publish reaches every queue bound to the message
    /// type on the shared broker, those of test runs going on elsewhere too (and theirs reach ours).
    /// </summary>
    protected async Task SendToAsync<TConsumer, TMessage>(PlatformTestHost host, TMessage message, Action<SendContext<TMessage>>? configure = null)
        where TConsumer : class, IConsumer
        where TMessage : class
    {
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(AddressOf<TConsumer>());
        await endpoint.Send(message, context => configure?.Invoke(context));
    }

    /// <summary>
    /// Schedules as a request does: in a DI scope whose DbContext saves at the end. A scope's schedules commit with its
    /// SaveChanges, as its sends do.
    /// </summary>
    protected static Task<T> InRequestAsync<T>(PlatformTestHost host, Func<IMessageScheduler, Task<T>> schedule) =>
        host.InScopeAsync(async sp =>
        {
            var result = await schedule(sp.GetRequiredService<IMessageScheduler>());
            await sp.GetRequiredService<AgentLightningDbContext>().SaveChangesAsync();
            return result;
        });

    protected static Task InRequestAsync(PlatformTestHost host, Func<IMessageScheduler, Task> schedule) =>
        InRequestAsync(host, async scheduler =>
        {
            await schedule(scheduler);
            return true;
        });

    /// <summary>Scheduled messages the host's dispatcher has had confirmed by the broker.</summary>
    protected static long Dispatched(PlatformTestHost host) => host.Services.GetRequiredService<SchedulerMetrics>().Dispatched;

    /// <summary>The queue ConfigureEndpoints gives <typeparamref name="TConsumer"/>.</summary>
    protected string QueueOf<TConsumer>()
        where TConsumer : class, IConsumer =>
        new KebabCaseEndpointNameFormatter(Prefix, false).Consumer<TConsumer>();

    /// <summary>The exchange in front of the consumer's queue (a queue: address would declare the queue, as classic).</summary>
    protected Uri AddressOf<TConsumer>()
        where TConsumer : class, IConsumer =>
        new($"exchange:{QueueOf<TConsumer>()}");
}

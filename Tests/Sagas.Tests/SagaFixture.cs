using System.Globalization;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Contributions;
using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.Sagas.Tests;

/// <summary>
/// Hosts running the test order saga on the PostgreSQL repository, on a scratch database and the real broker under a
/// prefix of the fixture's own. Messages are sent to the saga's exchange, never published (other runs share the broker).
/// </summary>
public abstract class SagaFixture
{
    private readonly List<PlatformTestHost> _hosts = [];
    private readonly ScratchQueues _queues = new();

    protected ScratchDatabase Database { get; private set; } = null!;

    protected OrderEventLog Events { get; } = new();

    protected CommitSabotage Sabotage { get; } = new();

    [OneTimeSetUp]
    public async Task CreateDatabase() => Database = await ScratchDatabase.CreateAsync();

    [OneTimeTearDown]
    public async Task CleanUp()
    {
        foreach (var host in _hosts.ToList())
        {
            await StopHostAsync(host);
        }

        await _queues.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>
    /// The platform's retry policy as configured by default (MessagingTestHost shortens it), and its prefetch: lost races
    /// are retried at once, then with backoff, then redelivered — never dead-lettered at once.
    /// </summary>
    protected static void UseDefaultRetries(IDictionary<string, string?> settings)
    {
        var defaults = new RetryPolicyOptions();
        settings["Messaging:PrefetchCount"] = new MessagingOptions().PrefetchCount.ToString(CultureInfo.InvariantCulture);
        settings["Messaging:Retry:Immediate"] = defaults.Immediate.ToString(CultureInfo.InvariantCulture);
        settings["Messaging:Retry:Exponential"] = defaults.Exponential.ToString(CultureInfo.InvariantCulture);
        settings["Messaging:Retry:MinInterval"] = defaults.MinInterval.ToString("c", CultureInfo.InvariantCulture);
        settings["Messaging:Retry:MaxInterval"] = defaults.MaxInterval.ToString("c", CultureInfo.InvariantCulture);
    }

    protected virtual void UseRepository(ISagaRegistrationConfigurator<TestOrderState> saga) => saga.PostgresRepository();

    protected virtual bool InsertOnInitial => false;

    protected async Task<PlatformTestHost> StartHostAsync(string name = "saga-test")
    {
        var settings = new Dictionary<string, string?> { ["Messaging:Scheduler:PollInterval"] = "00:00:00.200" };
        Configure(settings);
        var host = await MessagingTestHost.StartAsync(Database.ConnectionString, _queues.Prefix, bus =>
        {
            UseRepository(bus.AddSagaStateMachine<TestOrderStateMachine, TestOrderState>());
            bus.AddConsumer<OrderEventsConsumer>();
        }, name, settings, builder =>
        {
            builder.Services.AddSingleton(Events);
            builder.Services.AddSingleton<IInterceptor>(Sabotage);
            if (InsertOnInitial)
            {
                // Registered after AddSagaStateMachine's own: the last registration is the one resolved.
                builder.Services.AddSingleton(new TestOrderStateMachine(insertOnInitial: true));
            }

            builder.Services.AddModelContribution("test-orders", model => model.ApplyConfiguration(new TestOrderStateMap()));
        });
        _hosts.Add(host);
        await host.InScopeAsync(sp => SagaTables.EnsureCreatedAsync(sp.GetRequiredService<AgentLightningDbContext>(), typeof(TestOrderState)));
        return host;
    }

    protected async Task StopHostAsync(PlatformTestHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    protected async Task SendAsync<T>(PlatformTestHost host, T message, Guid? messageId = null)
        where T : class
    {
        var queue = new KebabCaseEndpointNameFormatter(_queues.Prefix, false).Saga<TestOrderState>();
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"exchange:{queue}"));
        await endpoint.Send(message, context => context.MessageId = messageId ?? context.MessageId);
    }

    protected static string NewCustomer() => "customer-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Submits an order of <paramref name="customer"/> and waits until it is stored.</summary>
    protected async Task<Guid> SubmitAsync(PlatformTestHost host, string customer)
    {
        var id = Guid.NewGuid();
        await SendAsync(host, new SubmitOrder(id, TimeSpan.FromHours(1), customer));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the order is submitted");
        return id;
    }

    /// <summary>"State:counter", or "" when there is no row.</summary>
    protected Task<string> OrderAsync(Guid id) =>
        Database.ScalarAsync<string>($"SELECT coalesce((SELECT current_state || ':' || counter FROM test_orders WHERE correlation_id = '{id}'), '')");

    /// <summary>The saga's transitions in order, "From>To" each.</summary>
    protected Task<string> TransitionsAsync(Guid id) =>
        Database.ScalarAsync<string>(
            $"SELECT coalesce(string_agg(from_state || '>' || to_state, ',' ORDER BY sequence), '') FROM saga_transitions WHERE correlation_id = '{id}'");

    /// <summary>
    /// The saga's conversation in order, "Consumed:Caused Caused" each, a caused message's type followed by '!' when it
    /// was published, '@' when scheduled, '>' when sent; "" when there is none.
    /// </summary>
    protected Task<string> ConversationAsync(Guid id) =>
        Database.ScalarAsync<string>($"""
            SELECT coalesce(string_agg(substring(message_type from '[^:]+$') || ':' || (
                SELECT coalesce(string_agg(substring(c->>'messageType' from '[^:]+$')
                    || CASE WHEN (c->>'published')::boolean THEN '!' WHEN c ? 'scheduledFor' THEN '@' ELSE '>' END, ' ' ORDER BY n), '')
                FROM jsonb_array_elements(caused) WITH ORDINALITY AS x(c, n)), ', ' ORDER BY sequence), '')
            FROM saga_conversation WHERE correlation_id = '{id}'
            """);

    protected Task<long> CountAsync(string sql) => Database.ScalarAsync<long>(sql);

    /// <summary>Whether the message was consumed: its inbox mark committed (with whatever it changed).</summary>
    protected async Task<bool> ConsumedAsync(Guid messageId) =>
        await CountAsync($"SELECT count(*) FROM inbox_state WHERE message_id = '{messageId}'") > 0;
}

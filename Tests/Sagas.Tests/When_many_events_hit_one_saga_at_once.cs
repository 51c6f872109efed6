using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Sagas.Tests;

/// <summary>Many events of one saga consumed at once (prefetch 16), under each concurrency mode.</summary>
public abstract class When_many_events_hit_one_saga_at_once : SagaFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await StartHostAsync();

    [Test]
    public async Task Should_lose_no_update()
    {
        var id = Guid.NewGuid();
        await SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1)));
        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:1", "the saga is submitted");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SendAsync(_host, new CountOrder(id))));
        await SendAsync(_host, new PayOrder(id));

        await Eventually.Until(async () => await OrderAsync(id) == "Paid:51", "every event is applied", TimeSpan.FromSeconds(90));
        Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted,Submitted>Paid"));
    }

    [Test]
    public async Task Should_create_one_instance_from_two_initiating_events()
    {
        var id = Guid.NewGuid();

        await Task.WhenAll(SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1))), SendAsync(_host, new SubmitOrder(id, TimeSpan.FromHours(1))));

        await Eventually.Until(async () => await OrderAsync(id) == "Submitted:2", "both are applied to one instance");
        Assert.That(await CountAsync($"SELECT count(*) FROM test_orders WHERE correlation_id = '{id}'"), Is.EqualTo(1));
        Assert.That(await TransitionsAsync(id), Is.EqualTo("Initial>Submitted"));
        await Eventually.Until(() => Events.For(id).Count == 1, "the winner's event is delivered");
    }
}

/// <summary>Optimistic: the losers of each xmin race roll back and are retried by the platform's default policy.</summary>
public sealed class When_many_events_hit_one_optimistic_saga_at_once : When_many_events_hit_one_saga_at_once
{
    protected override void Configure(IDictionary<string, string?> settings) => UseDefaultRetries(settings);
}

/// <summary>Pessimistic: events of one saga wait for its row lock instead of retrying.</summary>
public sealed class When_many_events_hit_one_pessimistic_saga_at_once : When_many_events_hit_one_saga_at_once
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        // No immediate retries: a lock makes them unnecessary.
        settings["Messaging:PrefetchCount"] = "16";
        settings["Messaging:Retry:Immediate"] = "0";
        settings["Messaging:Retry:Exponential"] = "0";
    }

    protected override void UseRepository(ISagaRegistrationConfigurator<TestOrderState> saga) => saga.PostgresRepository(o => o.Pessimistic());
}

/// <summary>Optimistic, instances inserted before their first event: a lost insert race loads the winner's instance at once.</summary>
public sealed class When_many_events_hit_one_saga_inserted_before_its_first_event : When_many_events_hit_one_saga_at_once
{
    protected override bool InsertOnInitial => true;

    protected override void Configure(IDictionary<string, string?> settings) => UseDefaultRetries(settings);
}

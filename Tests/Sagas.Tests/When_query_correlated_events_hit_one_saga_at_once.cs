using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Sagas.Tests;

/// <summary>Events correlated by a query (CorrelateBy on the customer) consumed at once, under each concurrency mode.</summary>
public abstract class When_query_correlated_events_hit_one_saga_at_once : SagaFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await StartHostAsync();

    /// <summary>The customer's two orders, one of them also counted by id: each row is reached by both paths at once.</summary>
    [Test]
    public async Task Should_lose_no_update()
    {
        var customer = NewCustomer();
        var first = await SubmitAsync(_host, customer);
        var second = await SubmitAsync(_host, customer);

        await Task.WhenAll(Enumerable.Range(0, 25).SelectMany(_ => new[]
        {
            SendAsync(_host, new CountCustomerOrders(customer)),
            SendAsync(_host, new CountOrder(first)),
        }));

        await Eventually.Until(async () => await OrderAsync(first) == "Submitted:51" && await OrderAsync(second) == "Submitted:26",
            "every event is applied", TimeSpan.FromSeconds(90));
    }

    /// <summary>Both wait behind a lock of the spec's own, then take the row in turn.</summary>
    [Test]
    public async Task Should_apply_two_waiting_events_one_after_the_other()
    {
        var customer = NewCustomer();
        var order = await SubmitAsync(_host, customer);

        await using (await RowLock.TakeAsync(Database, order))
        {
            await SendAsync(_host, new CountCustomerOrders(customer));
            await SendAsync(_host, new CountCustomerOrders(customer));
            await Eventually.Until(async () => await RowLock.WaitersAsync(Database) == 2, "both events wait for the row");
        }

        await Eventually.Until(async () => await OrderAsync(order) == "Submitted:3", "both are applied");
    }

    /// <summary>
    /// Regression: in pessimistic mode the second transfer, which had found the order by its old customer before the
    /// first committed, waited for the lock and then moved the order although it no longer matched its query.
    /// </summary>
    [Test]
    public async Task Should_not_apply_an_event_to_a_saga_that_no_longer_matches()
    {
        var customer = NewCustomer();
        var order = await SubmitAsync(_host, customer);
        var (toBob, toCarol) = (Guid.NewGuid(), Guid.NewGuid());

        await using (await RowLock.TakeAsync(Database, order))
        {
            await SendAsync(_host, new TransferCustomerOrders(customer, "bob"), toBob);
            await SendAsync(_host, new TransferCustomerOrders(customer, "carol"), toCarol);
            await Eventually.Until(async () => await RowLock.WaitersAsync(Database) == 2, "both transfers wait for the row");
        }

        await Eventually.Until(async () => await ConsumedAsync(toBob) && await ConsumedAsync(toCarol), "both transfers are consumed");
        Assert.That(await OrderAsync(order), Is.EqualTo("Submitted:2"), "one transfer applied, the other found no order of its customer");
        Assert.That(await Database.ScalarAsync<string>($"SELECT customer FROM test_orders WHERE correlation_id = '{order}'"), Is.AnyOf("bob", "carol"));
    }
}

/// <summary>Optimistic: a query-correlated event that loses the xmin race rolls back and queries again.</summary>
public sealed class When_query_correlated_events_hit_one_optimistic_saga_at_once : When_query_correlated_events_hit_one_saga_at_once
{
    protected override void Configure(IDictionary<string, string?> settings) => UseDefaultRetries(settings);
}

/// <summary>Pessimistic, and no retries at all: any failure would end in _error and leave an event unapplied.</summary>
public sealed class When_query_correlated_events_hit_one_pessimistic_saga_at_once : When_query_correlated_events_hit_one_saga_at_once
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Messaging:PrefetchCount"] = "16";
        settings["Messaging:Retry:Immediate"] = "0";
        settings["Messaging:Retry:Exponential"] = "0";
        settings["Messaging:Retry:Redelivery"] = "";
    }

    protected override void UseRepository(ISagaRegistrationConfigurator<TestOrderState> saga) => saga.PostgresRepository(o => o.Pessimistic());
}

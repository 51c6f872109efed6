using AgentLightning.Sagas.Tests.Orders;
using AgentLightning.Testing;
using MassTransit;

namespace AgentLightning.Sagas.Tests;

/// <summary>An event correlated by a query that cannot be applied goes to _error (a dead letter) and changes nothing.</summary>
public sealed class When_a_query_correlated_event_faults : SagaFixture
{
    private PlatformTestHost _host = null!;

    [OneTimeSetUp]
    public async Task Start() => _host = await StartHostAsync();

    /// <summary>No scheduled redeliveries: a fault reaches _error after the in-process retries.</summary>
    protected override void Configure(IDictionary<string, string?> settings) => settings["Messaging:Retry:Redelivery"] = "";

    [Test]
    public async Task Should_fault_it_when_none_matches_and_its_machine_says_so()
    {
        var order = await SubmitAsync(_host, NewCustomer());
        var messageId = Guid.NewGuid();

        await SendAsync(_host, new CountCustomerOrders(NewCustomer()), messageId);

        Assert.That(await DeadLetterAsync(messageId), Is.EqualTo(typeof(SagaException).FullName));
        Assert.That(await CountAsync($"SELECT count(*) FROM saga_transitions WHERE message_id = '{messageId}'"), Is.Zero);
        Assert.That(await OrderAsync(order), Is.EqualTo("Submitted:1"));
    }

    /// <summary>
    /// EF translates the query when the event arrives, not at start-up: a CorrelateBy that calls C# EF cannot translate
    /// fails every delivery (retried as any failure) and ends in _error naming the expression.
    /// </summary>
    [Test]
    public async Task Should_fault_it_when_its_query_cannot_be_translated_to_sql()
    {
        var customer = NewCustomer();
        var order = await SubmitAsync(_host, customer);
        var messageId = Guid.NewGuid();

        await SendAsync(_host, new AuditCustomerOrders(customer), messageId);

        Assert.That(await DeadLetterAsync(messageId), Is.EqualTo(typeof(InvalidOperationException).FullName));
        Assert.That(await Database.ScalarAsync<string>($"SELECT exception_message FROM dead_letters WHERE message_id = '{messageId}'"),
            Does.Contain("could not be translated").And.Contain("Untranslatable"));
        Assert.That(await OrderAsync(order), Is.EqualTo("Submitted:1"), "the matching order is not moved");
    }

    /// <summary>The exception type of the message's fault dead letter, once collected.</summary>
    private async Task<string> DeadLetterAsync(Guid messageId)
    {
        await Eventually.Until(
            async () => await CountAsync($"SELECT count(*) FROM dead_letters WHERE message_id = '{messageId}' AND reason = 'fault'") == 1,
            "the event is a fault dead letter");
        return await Database.ScalarAsync<string>($"SELECT exception_type FROM dead_letters WHERE message_id = '{messageId}'");
    }
}

using MassTransit;

namespace AgentLightning.Sagas.Tests.Orders;

/// <summary>
/// Submitted → Paid → Final, with a payment timeout that compensates (Cancelled) unless payment comes first; a second
/// payment of a paid order is ignored. A reminder publishes without moving it; a count changes its data only. The
/// customer's events find their orders by a query on the customer column (the repository's query path).
/// </summary>
public sealed class TestOrderStateMachine : MassTransitStateMachine<TestOrderState>
{
    public TestOrderStateMachine()
        : this(insertOnInitial: false)
    {
    }

    /// <param name="insertOnInitial">Instances inserted before their first event runs (the repository's Insert path).</param>
    public TestOrderStateMachine(bool insertOnInitial)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Submit, e =>
        {
            e.CorrelateById(m => m.Message.OrderId);
            e.InsertOnInitial = insertOnInitial;
        });
        Event(() => Count, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Remind, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Pay, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Ship, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => PayCustomer, e =>
        {
            e.CorrelateBy((s, m) => s.Customer == m.Message.Customer);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => CountCustomer, e =>
        {
            e.CorrelateBy((s, m) => s.Customer == m.Message.Customer);
            e.OnMissingInstance(m => m.Fault());
        });
        Event(() => TransferCustomer, e =>
        {
            e.CorrelateBy((s, m) => s.Customer == m.Message.From);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => AuditCustomer, e => e.CorrelateBy((s, m) => Untranslatable(s.Customer) == m.Message.Customer));
        Schedule(() => PaymentTimeout, x => x.TimeoutTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.OrderId));

        Initially(When(Submit)
            .Then(c =>
            {
                c.Saga.Counter = 1;
                c.Saga.Customer = c.Message.Customer;
            })
            .Schedule(PaymentTimeout, c => new PaymentTimedOut(c.Saga.CorrelationId), c => c.Message.PayWithin)
            .Publish(c => new OrderSubmitted(c.Saga.CorrelationId))
            .TransitionTo(Submitted));

        During(Submitted,
            When(Submit).Then(c => c.Saga.Counter++),
            PayOrder(When(Pay)),
            PayOrder(When(PayCustomer)),
            When(PaymentTimeout.Received).Publish(c => new OrderCompensated(c.Saga.CorrelationId)).TransitionTo(Cancelled));

        During(Submitted, Paid,
            When(Count).Then(c => c.Saga.Counter++),
            When(CountCustomer).Then(c => c.Saga.Counter++),
            When(AuditCustomer).Then(c => c.Saga.Counter++),
            When(TransferCustomer).Then(c =>
            {
                c.Saga.Counter++;
                c.Saga.Customer = c.Message.To;
            }));

        During(Submitted, When(Remind).Publish(c => new OrderReminded(c.Saga.CorrelationId)));

        During(Paid,
            When(Ship).Publish(c => new OrderShipped(c.Saga.CorrelationId)).Finalize(),
            Ignore(Pay));
    }

    public State Submitted { get; private set; } = null!;

    public State Paid { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<SubmitOrder> Submit { get; private set; } = null!;

    public Event<CountOrder> Count { get; private set; } = null!;

    public Event<RemindOrder> Remind { get; private set; } = null!;

    public Event<PayOrder> Pay { get; private set; } = null!;

    public Event<ShipOrder> Ship { get; private set; } = null!;

    public Event<PayCustomerOrders> PayCustomer { get; private set; } = null!;

    public Event<CountCustomerOrders> CountCustomer { get; private set; } = null!;

    public Event<TransferCustomerOrders> TransferCustomer { get; private set; } = null!;

    public Event<AuditCustomerOrders> AuditCustomer { get; private set; } = null!;

    public Schedule<TestOrderState, PaymentTimedOut> PaymentTimeout { get; private set; } = null!;

    private static string? Untranslatable(string? customer) => customer?.Trim();

    private EventActivityBinder<TestOrderState, T> PayOrder<T>(EventActivityBinder<TestOrderState, T> paid)
        where T : class =>
        paid.Unschedule(PaymentTimeout).Publish(c => new OrderPaid(c.Saga.CorrelationId)).TransitionTo(Paid);
}

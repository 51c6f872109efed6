using MassTransit;

namespace AgentLightning.Sagas.Tests.Orders;

/// <summary>
/// Submitted → Paid → Final, with a payment timeout that compensates (Cancelled) unless payment comes first. A reminder
/// publishes without moving it; a count changes its data only.
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
        Schedule(() => PaymentTimeout, x => x.TimeoutTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.OrderId));

        Initially(When(Submit)
            .Then(c => c.Saga.Counter = 1)
            .Schedule(PaymentTimeout, c => new PaymentTimedOut(c.Saga.CorrelationId), c => c.Message.PayWithin)
            .Publish(c => new OrderSubmitted(c.Saga.CorrelationId))
            .TransitionTo(Submitted));

        During(Submitted,
            When(Submit).Then(c => c.Saga.Counter++),
            When(Pay).Unschedule(PaymentTimeout).Publish(c => new OrderPaid(c.Saga.CorrelationId)).TransitionTo(Paid),
            When(PaymentTimeout.Received).Publish(c => new OrderCompensated(c.Saga.CorrelationId)).TransitionTo(Cancelled));

        During(Submitted, Paid, When(Count).Then(c => c.Saga.Counter++));

        During(Submitted, When(Remind).Publish(c => new OrderReminded(c.Saga.CorrelationId)));

        During(Paid, When(Ship).Publish(c => new OrderShipped(c.Saga.CorrelationId)).Finalize());
    }

    public State Submitted { get; private set; } = null!;

    public State Paid { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<SubmitOrder> Submit { get; private set; } = null!;

    public Event<CountOrder> Count { get; private set; } = null!;

    public Event<RemindOrder> Remind { get; private set; } = null!;

    public Event<PayOrder> Pay { get; private set; } = null!;

    public Event<ShipOrder> Ship { get; private set; } = null!;

    public Schedule<TestOrderState, PaymentTimedOut> PaymentTimeout { get; private set; } = null!;
}


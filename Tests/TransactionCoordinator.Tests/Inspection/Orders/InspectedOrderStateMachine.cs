using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

/// <summary>
/// Submitted → Paid → Final (completed); a payment timeout moves a submitted order to TimedOut, and CancelWorkflow (the
/// cancel command the inspection sends) to Cancelled; a timed-out order that is cancelled ends compensated. A shipment
/// of an order not paid yet is ignored.
/// </summary>
public sealed class InspectedOrderStateMachine : MassTransitStateMachine<InspectedOrderState>
{
    public const string Completed = "completed";
    public const string Compensated = "compensated";

    public static readonly IReadOnlyList<string> Outcomes = [Completed, Compensated];

    public InspectedOrderStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Submit, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Pay, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Ship, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Cancel, e => e.CorrelateById(m => m.Message.RunId));
        Schedule(() => PaymentTimeout, x => x.TimeoutTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.OrderId));

        Initially(When(Submit)
            .Then(c => c.Saga.Counter = 1)
            .Schedule(PaymentTimeout, c => new PaymentTimedOut(c.Saga.CorrelationId), c => c.Message.PayWithin)
            .TransitionTo(Submitted));

        During(Submitted,
            When(Submit).Then(c => c.Saga.Counter++),
            When(Pay).Unschedule(PaymentTimeout).TransitionTo(Paid),
            When(PaymentTimeout.Received).TransitionTo(TimedOut),
            When(Cancel).Unschedule(PaymentTimeout).Then(c => c.Saga.CancelReason = c.Message.Reason).TransitionTo(Cancelled),
            Ignore(Ship));

        During(Paid, When(Ship).Then(c => c.Saga.Outcome = Completed).Finalize());
        During(TimedOut, When(Cancel).Then(c => c.Saga.Outcome = Compensated).Finalize());
    }

    public State Submitted { get; private set; } = null!;

    public State Paid { get; private set; } = null!;

    public State TimedOut { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<SubmitOrder> Submit { get; private set; } = null!;

    public Event<PayOrder> Pay { get; private set; } = null!;

    public Event<ShipOrder> Ship { get; private set; } = null!;

    public Event<CancelWorkflow> Cancel { get; private set; } = null!;

    public Schedule<InspectedOrderState, PaymentTimedOut> PaymentTimeout { get; private set; } = null!;
}

/// <summary>On the coordinator's command queue, where the command sender delivers CancelWorkflow.</summary>
public sealed class InspectedOrderStateDefinition : SagaDefinition<InspectedOrderState>
{
    public InspectedOrderStateDefinition(IOptions<MessagingOptions> options) =>
        EndpointName = CommandRouting.QueueOf(typeof(CancelWorkflow), options.Value.QueuePrefix);
}

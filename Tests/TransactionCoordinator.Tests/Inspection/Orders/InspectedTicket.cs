using AgentLightning.Infrastructure.Messaging.Sagas;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

/// <summary>A second saga type beside the orders, without a cancel command: lists span both tables.</summary>
public sealed class InspectedTicketState : SagaState;

public sealed class InspectedTicketStateMap() : SagaStateMap<InspectedTicketState>("inspected_tickets");

public sealed record OpenTicket(Guid TicketId);

public sealed class InspectedTicketStateMachine : MassTransitStateMachine<InspectedTicketState>
{
    public InspectedTicketStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Open, e => e.CorrelateById(m => m.Message.TicketId));
        Initially(When(Open).TransitionTo(Opened));
    }

    public State Opened { get; private set; } = null!;

    public Event<OpenTicket> Open { get; private set; } = null!;
}

using AgentLightning.Infrastructure.Messaging.Sagas;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

public sealed class InspectedOrderState : SagaState
{
    public int Counter { get; set; }

    public Guid? TimeoutTokenId { get; set; }

    public string? CancelReason { get; set; }
}

public sealed class InspectedOrderStateMap() : SagaStateMap<InspectedOrderState>("inspected_orders");

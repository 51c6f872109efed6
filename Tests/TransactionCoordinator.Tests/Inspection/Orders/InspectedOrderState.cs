using AgentLightning.Infrastructure.Messaging.Sagas;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

public sealed class InspectedOrderState : SagaState
{
    public int Counter { get; set; }

    public Guid? TimeoutTokenId { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>How it ended (<see cref="InspectedOrderStateMachine.Outcomes"/>); null while it runs.</summary>
    public string? Outcome { get; set; }
}

public sealed class InspectedOrderStateMap() : SagaStateMap<InspectedOrderState>("inspected_orders")
{
    protected override void ConfigureData(EntityTypeBuilder<InspectedOrderState> saga) => HasOutcome(saga, s => s.Outcome, 16);
}

using AgentLightning.Infrastructure.Messaging.Sagas;

namespace AgentLightning.Sagas.Tests.Orders;

public sealed class TestOrderState : SagaState
{
    /// <summary>Events applied to it: a lost update shows as a count short of the events sent.</summary>
    public int Counter { get; set; }

    public Guid? TimeoutTokenId { get; set; }

    /// <summary>Not a key: the events correlated by a query (CorrelateBy) find their orders by it.</summary>
    public string? Customer { get; set; }
}

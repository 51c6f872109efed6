using AgentLightning.Infrastructure.Messaging.Sagas;

namespace AgentLightning.Sagas.Tests.Orders;

public sealed class TestOrderStateMap() : SagaStateMap<TestOrderState>("test_orders");

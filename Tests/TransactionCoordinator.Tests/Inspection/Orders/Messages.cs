namespace AgentLightning.TransactionCoordinator.Tests.Inspection.Orders;

// The test machine's own contracts, kept together; its cancel command is the platform's CancelWorkflow.
public sealed record SubmitOrder(Guid OrderId, TimeSpan PayWithin);

public sealed record PayOrder(Guid OrderId);

public sealed record ShipOrder(Guid OrderId);

public sealed record PaymentTimedOut(Guid OrderId);

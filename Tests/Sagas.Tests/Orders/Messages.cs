namespace AgentLightning.Sagas.Tests.Orders;

// The test's own contracts, kept together: the spec reads them with the machine.
public sealed record SubmitOrder(Guid OrderId, TimeSpan PayWithin, string? Customer = null);

public sealed record CountOrder(Guid OrderId);

public sealed record RemindOrder(Guid OrderId);

public sealed record PayOrder(Guid OrderId);

public sealed record ShipOrder(Guid OrderId);

public sealed record PaymentTimedOut(Guid OrderId);

// Correlated by a query on the customer column (CorrelateBy), not by the order's id.
public sealed record PayCustomerOrders(string Customer);

public sealed record CountCustomerOrders(string Customer);

public sealed record TransferCustomerOrders(string From, string To);

/// <summary>Correlated through a C# method, which EF cannot translate to SQL.</summary>
public sealed record AuditCustomerOrders(string Customer);

public sealed record OrderSubmitted(Guid OrderId);

public sealed record OrderReminded(Guid OrderId);

public sealed record OrderPaid(Guid OrderId);

public sealed record OrderShipped(Guid OrderId);

/// <summary>The compensation a payment timeout causes.</summary>
public sealed record OrderCompensated(Guid OrderId);

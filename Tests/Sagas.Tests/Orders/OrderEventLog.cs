using System.Collections.Concurrent;
using MassTransit;

namespace AgentLightning.Sagas.Tests.Orders;

/// <summary>What the saga published, as a subscriber received it.</summary>
public sealed class OrderEventLog
{
    private readonly ConcurrentQueue<(Guid OrderId, string Event)> _events = new();

    public void Add(Guid orderId, string name) => _events.Enqueue((orderId, name));

    public IReadOnlyList<string> For(Guid orderId) => _events.Where(e => e.OrderId == orderId).Select(e => e.Event).ToList();
}

public sealed class OrderEventsConsumer(OrderEventLog log) :
    IConsumer<OrderSubmitted>, IConsumer<OrderPaid>, IConsumer<OrderShipped>, IConsumer<OrderCompensated>
{
    public Task Consume(ConsumeContext<OrderSubmitted> context) => Log(context.Message.OrderId, nameof(OrderSubmitted));

    public Task Consume(ConsumeContext<OrderPaid> context) => Log(context.Message.OrderId, nameof(OrderPaid));

    public Task Consume(ConsumeContext<OrderShipped> context) => Log(context.Message.OrderId, nameof(OrderShipped));

    public Task Consume(ConsumeContext<OrderCompensated> context) => Log(context.Message.OrderId, nameof(OrderCompensated));

    private Task Log(Guid orderId, string name)
    {
        log.Add(orderId, name);
        return Task.CompletedTask;
    }
}

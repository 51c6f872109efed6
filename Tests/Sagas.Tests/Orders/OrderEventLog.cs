using System.Collections.Concurrent;
using MassTransit;

namespace AgentLightning.Sagas.Tests.Orders;

/// <summary>What the saga published, as a subscriber received it.</summary>
public sealed class OrderEventLog
{
    private readonly ConcurrentQueue<(Guid OrderId, string Event, Guid? MessageId)> _events = new();

    public void Add(Guid orderId, string name, Guid? messageId) => _events.Enqueue((orderId, name, messageId));

    public IReadOnlyList<string> For(Guid orderId) => _events.Where(e => e.OrderId == orderId).Select(e => e.Event).ToList();

    public Guid? MessageIdOf(Guid orderId, string name) => _events.FirstOrDefault(e => e.OrderId == orderId && e.Event == name).MessageId;
}

public sealed class OrderEventsConsumer(OrderEventLog log) :
    IConsumer<OrderSubmitted>, IConsumer<OrderReminded>, IConsumer<OrderPaid>, IConsumer<OrderShipped>, IConsumer<OrderCompensated>
{
    public Task Consume(ConsumeContext<OrderSubmitted> context) => Log(context, context.Message.OrderId, nameof(OrderSubmitted));

    public Task Consume(ConsumeContext<OrderReminded> context) => Log(context, context.Message.OrderId, nameof(OrderReminded));

    public Task Consume(ConsumeContext<OrderPaid> context) => Log(context, context.Message.OrderId, nameof(OrderPaid));

    public Task Consume(ConsumeContext<OrderShipped> context) => Log(context, context.Message.OrderId, nameof(OrderShipped));

    public Task Consume(ConsumeContext<OrderCompensated> context) => Log(context, context.Message.OrderId, nameof(OrderCompensated));

    private Task Log(ConsumeContext context, Guid orderId, string name)
    {
        log.Add(orderId, name, context.MessageId);
        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using AgentLightning.Contracts.Tasks;
using MassTransit;

namespace AgentLightning.Benchmarks.Scenarios.Live;

/// <summary>When each TaskCreated reached a plain consumer on the bus: the part of the latency that is the outbox and the broker's.</summary>
internal sealed class BusArrivals
{
    public ConcurrentDictionary<Guid, long> At { get; } = new();
}

/// <summary>Notes the arrival; on a temporary queue, as the WebSocket service's, so it costs no inbox row.</summary>
internal sealed class BusArrivalConsumer(BusArrivals arrivals) : IConsumer<TaskCreated>
{
    public Task Consume(ConsumeContext<TaskCreated> context)
    {
        arrivals.At.TryAdd(context.Message.TaskId, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}

internal sealed class BusArrivalConsumerDefinition : ConsumerDefinition<BusArrivalConsumer>
{
    public BusArrivalConsumerDefinition() => Endpoint(endpoint =>
    {
        endpoint.Name = "bench-bus-arrivals-" + Guid.NewGuid().ToString("N")[..8];
        endpoint.Temporary = true;
    });
}

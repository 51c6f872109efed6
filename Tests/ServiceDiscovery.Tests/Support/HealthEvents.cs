using System.Collections.Concurrent;
using AgentLightning.Contracts.System;
using MassTransit;

namespace AgentLightning.ServiceDiscovery.Tests.Support;

/// <summary>Every ServiceHealthChanged the subscriber received, in arrival order.</summary>
public sealed class HealthEvents
{
    private readonly ConcurrentQueue<ServiceHealthChanged> _received = new();

    public void Add(ServiceHealthChanged change) => _received.Enqueue(change);

    public IReadOnlyList<ServiceHealthChanged> Of(string service) => [.. _received.Where(c => c.Service == service)];
}

public sealed class HealthEventRecorder(HealthEvents events) : IConsumer<ServiceHealthChanged>
{
    public Task Consume(ConsumeContext<ServiceHealthChanged> context)
    {
        events.Add(context.Message);
        return Task.CompletedTask;
    }
}

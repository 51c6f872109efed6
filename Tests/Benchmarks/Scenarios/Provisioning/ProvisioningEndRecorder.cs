using AgentLightning.Benchmarks.Scenarios.Outbox;
using AgentLightning.Contracts.Provisioning;
using MassTransit;

namespace AgentLightning.Benchmarks.Scenarios.Provisioning;

/// <summary>Notes when each provisioning's end is announced on the bus, on the harness's clock; failures are counted apart.</summary>
public sealed class ProvisioningEndRecorder(PipelineClock clock, ProvisioningFailures failures) : IConsumer<AgentProvisioned>, IConsumer<AgentProvisioningFailed>
{
    public Task Consume(ConsumeContext<AgentProvisioned> context)
    {
        clock.Consumed(context.Message.ProvisioningId);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<AgentProvisioningFailed> context)
    {
        failures.Add($"{context.Message.FailedStep}: {context.Message.Reason}");
        clock.Consumed(context.Message.ProvisioningId);
        return Task.CompletedTask;
    }
}

public sealed class ProvisioningFailures
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public string? First { get; private set; }

    public void Add(string reason)
    {
        First ??= reason;
        Interlocked.Increment(ref _count);
    }
}

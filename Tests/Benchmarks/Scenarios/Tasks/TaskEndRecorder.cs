using AgentLightning.Benchmarks.Scenarios.Outbox;
using AgentLightning.Contracts.Tasks;
using MassTransit;

namespace AgentLightning.Benchmarks.Scenarios.Tasks;

/// <summary>Notes when each task's end is announced on the bus, on the harness's clock.</summary>
public sealed class TaskEndRecorder(PipelineClock clock) : IConsumer<TaskCompleted>, IConsumer<TaskFailed>
{
    public Task Consume(ConsumeContext<TaskCompleted> context)
    {
        clock.Consumed(context.Message.TaskId);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<TaskFailed> context)
    {
        clock.Consumed(context.Message.TaskId);
        return Task.CompletedTask;
    }
}

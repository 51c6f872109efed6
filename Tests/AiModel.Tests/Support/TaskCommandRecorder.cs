using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Tests.Support;

/// <summary>Stands in for Workflow Engine on its command queue: records the task commands AI Model sends, and model events.</summary>
public sealed class TaskCommandRecorder(TaskCommands commands) :
    IConsumer<StartTask>, IConsumer<ReportTaskProgress>, IConsumer<CompleteTask>, IConsumer<FailTask>,
    IConsumer<ModelCreated>, IConsumer<ModelUpdated>, IConsumer<ModelDeleted>,
    IConsumer<ModelCapacityReserved>, IConsumer<ModelCapacityReservationRefused>, IConsumer<ModelCapacityReleased>
{
    public Task Consume(ConsumeContext<StartTask> context) => Record(context);

    public Task Consume(ConsumeContext<ReportTaskProgress> context) => Record(context);

    public Task Consume(ConsumeContext<CompleteTask> context) => Record(context);

    public Task Consume(ConsumeContext<FailTask> context) => Record(context);

    public Task Consume(ConsumeContext<ModelCreated> context) => Record(context);

    public Task Consume(ConsumeContext<ModelUpdated> context) => Record(context);

    public Task Consume(ConsumeContext<ModelDeleted> context) => Record(context);

    public Task Consume(ConsumeContext<ModelCapacityReserved> context) => Record(context);

    public Task Consume(ConsumeContext<ModelCapacityReservationRefused> context) => Record(context);

    public Task Consume(ConsumeContext<ModelCapacityReleased> context) => Record(context);

    private Task Record<T>(ConsumeContext<T> context) where T : class
    {
        commands.Record(context.MessageId!.Value, context.Message);
        return Task.CompletedTask;
    }
}

public sealed class TaskCommandRecorderDefinition(IOptions<MessagingOptions> options)
    : CommandConsumerDefinition<TaskCommandRecorder, StartTask>(options);

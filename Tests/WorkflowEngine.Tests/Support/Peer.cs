using AgentLightning.Contracts.Models;
using AgentLightning.Contracts.System;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.WorkflowEngine.Tests.Support;

/// <summary>Another service: records Workflow Engine's events and every CommandRejected.</summary>
public sealed class EventRecorder(Recorded recorded) :
    IConsumer<TaskCreated>, IConsumer<TaskStarted>, IConsumer<TaskProgressed>, IConsumer<TaskCompleted>, IConsumer<TaskFailed>,
    IConsumer<TaskCancelled>, IConsumer<WorkflowDefined>, IConsumer<WorkflowUpdated>, IConsumer<WorkflowDeleted>, IConsumer<CommandRejected>
{
    public Task Consume(ConsumeContext<TaskCreated> context) => Record(context);

    public Task Consume(ConsumeContext<TaskStarted> context) => Record(context);

    public Task Consume(ConsumeContext<TaskProgressed> context) => Record(context);

    public Task Consume(ConsumeContext<TaskCompleted> context) => Record(context);

    public Task Consume(ConsumeContext<TaskFailed> context) => Record(context);

    public Task Consume(ConsumeContext<TaskCancelled> context) => Record(context);

    public Task Consume(ConsumeContext<WorkflowDefined> context) => Record(context);

    public Task Consume(ConsumeContext<WorkflowUpdated> context) => Record(context);

    public Task Consume(ConsumeContext<WorkflowDeleted> context) => Record(context);

    public Task Consume(ConsumeContext<CommandRejected> context) => Record(context);

    private Task Record<T>(ConsumeContext<T> context) where T : class
    {
        recorded.Add(context.MessageId!.Value, context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>AI Model's command queue, so ExecuteTask has its owner: it only records what it is asked to run.</summary>
public sealed class FakeAiModel(Recorded recorded) : IConsumer<ExecuteTask>
{
    public Task Consume(ConsumeContext<ExecuteTask> context)
    {
        recorded.Add(context.MessageId!.Value, context.Message);
        return Task.CompletedTask;
    }
}

public sealed class FakeAiModelDefinition(IOptions<MessagingOptions> options) : CommandConsumerDefinition<FakeAiModel, ExecuteTask>(options);

using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Knowledge;
using AgentLightning.Contracts.System;
using MassTransit;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>A subscriber in another service: records every agent and knowledge event, and every rejected command, it is sent.</summary>
public sealed class EventRecorder(RecordedEvents events) :
    IConsumer<AgentCreated>, IConsumer<AgentUpdated>, IConsumer<AgentStatusChanged>, IConsumer<AgentDeleted>,
    IConsumer<KnowledgeAdded>, IConsumer<KnowledgeUpdated>, IConsumer<KnowledgeDeleted>, IConsumer<CommandRejected>
{
    public Task Consume(ConsumeContext<AgentCreated> context) => Record(context.Message.AgentId, context.Message.Version, context);

    public Task Consume(ConsumeContext<AgentUpdated> context) => Record(context.Message.AgentId, context.Message.Version, context);

    public Task Consume(ConsumeContext<AgentStatusChanged> context) => Record(context.Message.AgentId, context.Message.Version, context);

    public Task Consume(ConsumeContext<AgentDeleted> context) => Record(context.Message.AgentId, context.Message.Version, context);

    public Task Consume(ConsumeContext<KnowledgeAdded> context) => Record(context.Message.KnowledgeId.ToString(), context.Message.Version, context);

    public Task Consume(ConsumeContext<KnowledgeUpdated> context) => Record(context.Message.KnowledgeId.ToString(), context.Message.Version, context);

    public Task Consume(ConsumeContext<KnowledgeDeleted> context) => Record(context.Message.KnowledgeId.ToString(), context.Message.Version, context);

    public Task Consume(ConsumeContext<CommandRejected> context)
    {
        events.Rejected(context.MessageId!.Value, context.Message);
        return Task.CompletedTask;
    }

    private Task Record<T>(string id, long version, ConsumeContext<T> context) where T : class
    {
        events.Record(context.MessageId!.Value, typeof(T).Name, id, version);
        return Task.CompletedTask;
    }
}

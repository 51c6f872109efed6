using System.Collections.Concurrent;
using AgentLightning.Contracts.Integrations;
using AgentLightning.Contracts.System;
using MassTransit;

namespace AgentLightning.IntegrationHub.Tests.Support;

/// <summary>The integration events and command rejections the neighbour received, once per message id.</summary>
public sealed class HubAnnouncements
{
    private readonly ConcurrentDictionary<Guid, object> _messages = new();

    public void Record(Guid messageId, object message) => _messages.TryAdd(messageId, message);

    public IReadOnlyList<object> Of(Guid integrationId) => [.. _messages.Values.Where(m => m switch
    {
        IntegrationRegistered r => r.IntegrationId == integrationId,
        IntegrationUpdated u => u.IntegrationId == integrationId,
        IntegrationRemoved d => d.IntegrationId == integrationId,
        CommandRejected c => c.TargetId == integrationId.ToString(),
        _ => false,
    })];
}

public sealed class HubAnnouncementRecorder(HubAnnouncements announced) :
    IConsumer<IntegrationRegistered>, IConsumer<IntegrationUpdated>, IConsumer<IntegrationRemoved>, IConsumer<CommandRejected>
{
    public Task Consume(ConsumeContext<IntegrationRegistered> context) => Record(context);

    public Task Consume(ConsumeContext<IntegrationUpdated> context) => Record(context);

    public Task Consume(ConsumeContext<IntegrationRemoved> context) => Record(context);

    public Task Consume(ConsumeContext<CommandRejected> context) => Record(context);

    private Task Record<T>(ConsumeContext<T> context) where T : class
    {
        announced.Record(context.MessageId!.Value, context.Message);
        return Task.CompletedTask;
    }
}

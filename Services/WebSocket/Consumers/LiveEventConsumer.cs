using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.WebSocket.Feed;
using MassTransit;

namespace AgentLightning.WebSocket.Consumers;

/// <summary>One consumer closed over every event contract (EventFeed.AddEventConsumers): it hands each event to the feed.</summary>
internal sealed class LiveEventConsumer<T>(LiveFeed feed) : IConsumer<T>
    where T : class
{
    public Task Consume(ConsumeContext<T> context)
    {
        feed.Publish(PlatformEvent.From(context));
        return Task.CompletedTask;
    }
}

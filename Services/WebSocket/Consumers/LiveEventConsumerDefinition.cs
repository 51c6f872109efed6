using MassTransit;
using Microsoft.Extensions.Options;

namespace AgentLightning.WebSocket.Consumers;

/// <summary>
/// Every event consumer on this instance's temporary queue (the messaging defaults give such an endpoint no
/// quorum, inbox or dead letters). One message at a time keeps the broker's order, so an aggregate's versions
/// arrive as they were published; handing an event to the feed takes microseconds.
/// </summary>
internal sealed class LiveEventConsumerDefinition<T> : ConsumerDefinition<LiveEventConsumer<T>>
    where T : class
{
    public LiveEventConsumerDefinition(LiveQueue queue, IOptions<LiveFeedOptions> options) => Endpoint(endpoint =>
    {
        endpoint.Name = queue.Name;
        endpoint.Temporary = true;
        endpoint.ConcurrentMessageLimit = 1;
        endpoint.PrefetchCount = options.Value.PrefetchCount;
    });
}

using AgentLightning.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace AgentLightning.WebSocket.Consumers;

/// <summary>
/// This instance's own queue: every instance receives every event for its own clients. A fresh name per process,
/// non-durable and auto-delete, so the broker removes it when the instance goes (stopped or killed).
/// </summary>
internal sealed class LiveQueue(IOptions<MessagingOptions> messaging)
{
    public string Name { get; } = $"{messaging.Value.QueuePrefix}websocket-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid():N}";
}

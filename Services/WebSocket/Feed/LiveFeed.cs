using System.Collections.Immutable;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.WebSocket.Connections;
using Microsoft.Extensions.Options;

namespace AgentLightning.WebSocket.Feed;

/// <summary>
/// This instance's clients and the events the bus brings it. One lock orders the version check and the fan-out, so
/// an aggregate's events reach every client in the order they passed the check; the fan-out only queues frames
/// (never waits for a client), so the lock is held for microseconds per client.
/// </summary>
internal sealed class LiveFeed(IOptions<LiveFeedOptions> options, FeedMetrics metrics)
{
    private readonly Lock _lock = new();
    private readonly VersionGate _versions = new(options.Value.VersionMemory);
    private ImmutableArray<ClientConnection> _clients = [];

    public int Count => _clients.Length;

    /// <summary>Adds the client unless its user already has <paramref name="perUser"/> connections here.</summary>
    public bool TryAdd(ClientConnection client, int perUser)
    {
        lock (_lock)
        {
            if (_clients.Count(c => c.Subject == client.Subject) >= perUser)
            {
                return false;
            }

            _clients = _clients.Add(client);
        }

        metrics.Connected();
        return true;
    }

    public void Remove(ClientConnection client)
    {
        lock (_lock)
        {
            var remaining = _clients.Remove(client);
            if (remaining.Length == _clients.Length)
            {
                return;
            }

            _clients = remaining;
        }

        metrics.Disconnected();
    }

    public void Publish(PlatformEvent e)
    {
        lock (_lock)
        {
            if (e is { AggregateId: { } id, Version: { } version } && !_versions.Admit(e.Topic + ":" + id, version))
            {
                metrics.StaleSkippedEvent(e.Channel);
                return;
            }

            // Serialised once, for the first client that wants it; each pattern is evaluated once per event.
            byte[]? frame = null;
            var matches = new Dictionary<ChannelPattern, bool>();
            foreach (var client in _clients)
            {
                if (client.Wants(e, matches))
                {
                    client.Offer(frame ??= ServerFrames.Event(e));
                }
            }
        }
    }
}

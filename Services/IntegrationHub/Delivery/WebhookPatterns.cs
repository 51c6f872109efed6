using System.Collections.Concurrent;
using AgentLightning.Infrastructure.Messaging.Events;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.IntegrationHub.Delivery;

/// <summary>Which webhooks want an event; each stored pattern parsed once (it holds two regular expressions), not per event.</summary>
internal static class WebhookPatterns
{
    private static readonly ConcurrentDictionary<string, ChannelPattern> Parsed = new(StringComparer.Ordinal);

    public static bool Wants(this Integration webhook, PlatformEvent platformEvent) =>
        webhook.Channels.Any(c => Parsed.GetOrAdd(c, ChannelPattern.Parse).Matches(platformEvent));
}

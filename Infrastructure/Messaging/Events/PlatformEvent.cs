using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Events;

/// <summary>
/// An event as the world outside the bus sees it (WebSocket frames, webhook bodies): one shape for every contract,
/// with the contract itself under <see cref="Data"/>.
/// </summary>
public sealed record PlatformEvent
{
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    public required string Channel { get; init; }

    /// <summary>The bus message id: redeliveries of one event keep it, so receivers can de-duplicate on it.</summary>
    public required Guid EventId { get; init; }

    /// <summary>When the change happened (the contract's OccurredAt).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public required string Service { get; init; }

    public string? AggregateId { get; init; }

    public long? Version { get; init; }

    public required JsonElement Data { get; init; }

    /// <summary>The ids a <c>topic:id</c> pattern matches; not part of the wire shape.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Keys { get; init; } = [];

    [JsonIgnore]
    public string Topic => Channel[..Channel.IndexOf(':', StringComparison.Ordinal)];

    public static PlatformEvent From<T>(ConsumeContext<T> context)
        where T : class =>
        From(EventCatalog.Of<T>(), context.Message, context.MessageId ?? throw new ArgumentException("The event has no message id.", nameof(context)));

    public static PlatformEvent From(EventDescriptor descriptor, object message, Guid eventId) => new()
    {
        Channel = descriptor.Channel,
        EventId = eventId,
        Timestamp = descriptor.OccurredAtOf(message),
        Service = descriptor.Service,
        AggregateId = descriptor.AggregateIdOf(message),
        Version = descriptor.VersionOf(message),
        Data = JsonSerializer.SerializeToElement(message, descriptor.MessageType, DataJson),
        Keys = descriptor.KeysOf(message),
    };
}

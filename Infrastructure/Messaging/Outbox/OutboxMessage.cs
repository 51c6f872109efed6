using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// A message sent or published inside a transaction, stored with everything MassTransit needs to send it
/// again exactly as it was captured (same MessageId, headers and destination).
/// </summary>
public sealed class OutboxMessage : OutboxMessageContext
{
    private Headers? _headers;
    private IReadOnlyDictionary<string, object>? _properties;

    public long SequenceNumber { get; set; }

    public Guid OutboxId { get; set; }

    public Guid MessageId { get; set; }

    public required string ContentType { get; set; }

    public required string MessageType { get; set; }

    public required string Body { get; set; }

    public string? Headers { get; set; }

    public string? Properties { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public Uri? SourceAddress { get; set; }

    public Uri? DestinationAddress { get; set; }

    public Uri? ResponseAddress { get; set; }

    public Uri? FaultAddress { get; set; }

    public DateTime SentTime { get; set; }

    public DateTime? ExpirationTime { get; set; }

    Guid? MessageContext.MessageId => MessageId;

    DateTime? MessageContext.SentTime => SentTime;

    Headers MessageContext.Headers => _headers ?? EmptyHeaders.Instance;

    HostInfo MessageContext.Host => HostMetadataCache.Host;

    IReadOnlyDictionary<string, object> OutboxMessageContext.Properties => _properties ?? new Dictionary<string, object>();

    /// <summary>Restores headers and transport properties after the row was read.</summary>
    public void Deserialize(IObjectDeserializer deserializer)
    {
        var headers = deserializer.DeserializeDictionary<object?>(Headers);
        _headers = headers is null ? EmptyHeaders.Instance : new DictionarySendHeaders(headers);
        _properties = deserializer.DeserializeDictionary<object>(Properties);
    }
}

using RabbitMQ.Client;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>The AMQP basic properties of a captured message, kept so a retry sends it as it was received.</summary>
public sealed record AmqpProperties
{
    public string? MessageId { get; init; }

    public string? CorrelationId { get; init; }

    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public string? Type { get; init; }

    public string? AppId { get; init; }

    public string? UserId { get; init; }

    public string? ReplyTo { get; init; }

    public byte? Priority { get; init; }

    /// <summary>Unix seconds.</summary>
    public long? Timestamp { get; init; }

    public string? Expiration { get; init; }

    /// <summary>Reads the properties, dropping NUL characters, which jsonb cannot store.</summary>
    public static AmqpProperties From(IReadOnlyBasicProperties properties) => new()
    {
        MessageId = properties.IsMessageIdPresent() ? Clean(properties.MessageId) : null,
        CorrelationId = properties.IsCorrelationIdPresent() ? Clean(properties.CorrelationId) : null,
        ContentType = properties.IsContentTypePresent() ? Clean(properties.ContentType) : null,
        ContentEncoding = properties.IsContentEncodingPresent() ? Clean(properties.ContentEncoding) : null,
        Type = properties.IsTypePresent() ? Clean(properties.Type) : null,
        AppId = properties.IsAppIdPresent() ? Clean(properties.AppId) : null,
        UserId = properties.IsUserIdPresent() ? Clean(properties.UserId) : null,
        ReplyTo = properties.IsReplyToPresent() ? Clean(properties.ReplyTo) : null,
        Priority = properties.IsPriorityPresent() ? properties.Priority : null,
        Timestamp = properties.IsTimestampPresent() ? properties.Timestamp.UnixTime : null,
        Expiration = properties.IsExpirationPresent() ? Clean(properties.Expiration) : null,
    };

    /// <summary>
    /// Properties for a replay: persistent, and without the expiration (it ran out while the message waited) and
    /// the user id (the broker rejects one that is not the publishing connection's user).
    /// </summary>
    public BasicProperties ToReplayProperties(IDictionary<string, object?> headers)
    {
        var properties = new BasicProperties
        {
            MessageId = MessageId,
            CorrelationId = CorrelationId,
            ContentType = ContentType,
            ContentEncoding = ContentEncoding,
            Type = Type,
            AppId = AppId,
            ReplyTo = ReplyTo,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
        };
        if (Priority is { } priority)
        {
            properties.Priority = priority;
        }

        if (Timestamp is { } timestamp)
        {
            properties.Timestamp = new AmqpTimestamp(timestamp);
        }

        return properties;
    }

    private static string? Clean(string? value) => value?.Replace("\0", "", StringComparison.Ordinal);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit;
using RabbitMQ.Client;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// Turns a raw delivery from an <c>_error</c> or <c>_skipped</c> queue into a capture without deserializing the
/// message: everything comes from the AMQP properties and MassTransit's headers, plus a best-effort look at the
/// envelope for the message id and types (a poison body simply has none).
/// </summary>
internal static class CaptureReader
{
    public const string ReplayCountHeader = Commands.CommandHeaders.Prefix + "Replay-Count";

    /// <summary>Longer ids are hashed: the unique index on (source_queue, message_id) must accept every message.</summary>
    private const int MaxMessageIdLength = 200;

    public static DeadLetterCapture Read(
        DeadLetterQueue queue, IReadOnlyBasicProperties properties, byte[] body, string service, DateTimeOffset now)
    {
        var headers = properties.Headers is { } received
            ? received.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal)
            : [];
        var envelope = Envelope.TryRead(body);
        return new DeadLetterCapture
        {
            MessageId = MessageIdOf(properties.IsMessageIdPresent() ? properties.MessageId : envelope.MessageId, body),
            MessageTypes = envelope.MessageTypes.Count > 0 ? envelope.MessageTypes : TypesFromHeaders(headers, properties),
            ContentType = properties.IsContentTypePresent() ? properties.ContentType : null,
            Body = body,
            Headers = headers,
            Properties = AmqpProperties.From(properties),
            SourceService = service,
            SourceQueue = queue.SourceQueue,
            DeadLetterQueue = queue.QueueName,
            Reason = queue.Skipped ? DeadLetterReason.Skipped : IsPoison(headers) ? DeadLetterReason.Poison : DeadLetterReason.Fault,
            ExceptionType = Header(headers, MessageHeaders.FaultExceptionType),
            ExceptionMessage = Header(headers, MessageHeaders.FaultMessage),
            StackTrace = Header(headers, MessageHeaders.FaultStackTrace),
            RetryCount = Number(headers, MessageHeaders.FaultRetryCount),
            RedeliveryCount = Math.Max(Number(headers, MessageHeaders.RedeliveryCount), Number(headers, MessageHeaders.FaultRedeliveryCount)),
            FailedAt = DateTimeOffset.TryParse(Header(headers, MessageHeaders.FaultTimestamp), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at.ToUniversalTime()
                : now,
            ReplayCount = Number(headers, ReplayCountHeader),
        };
    }

    /// <summary>
    /// A body MassTransit cannot turn into a message (invalid JSON, no envelope) fails
    /// before the retry filters and any consumer: no consumer type and no retry count in the fault headers. The
    /// exception type says little (MassTransit reports the innermost one, even an ArgumentNullException).
    /// </summary>
    private static bool IsPoison(Dictionary<string, object?> headers) =>
        !headers.ContainsKey(MessageHeaders.FaultConsumerType) && !headers.ContainsKey(MessageHeaders.FaultRetryCount);

    private static string MessageIdOf(string? id, byte[] body) =>
        id is { Length: > 0 and <= MaxMessageIdLength } && !id.Contains('\0', StringComparison.Ordinal)
            ? id
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(id is { Length: > 0 } ? System.Text.Encoding.UTF8.GetBytes(id) : body));

    private static string[] TypesFromHeaders(Dictionary<string, object?> headers, IReadOnlyBasicProperties properties)
    {
        var types = Header(headers, MessageHeaders.MessageType) ?? Header(headers, MessageHeaders.FaultMessageType)
            ?? (properties.IsTypePresent() ? properties.Type : null);
        return types is null ? [] : types.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string? Header(Dictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? HeaderJson.Text(value) : null;

    private static int Number(Dictionary<string, object?> headers, string name) =>
        int.TryParse(Header(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? Math.Max(number, 0) : 0;

    private sealed record Envelope(string? MessageId, IReadOnlyList<string> MessageTypes)
    {
        private static readonly Envelope None = new(null, []);

        public static Envelope TryRead(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return None;
                }

                var id = root.TryGetProperty("messageId", out var messageId) && messageId.ValueKind == JsonValueKind.String ? messageId.GetString() : null;
                var types = root.TryGetProperty("messageType", out var messageType) && messageType.ValueKind == JsonValueKind.Array
                    ? messageType.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                    : [];
                return new Envelope(id, types);
            }
            catch (JsonException)
            {
                return None;
            }
        }
    }
}

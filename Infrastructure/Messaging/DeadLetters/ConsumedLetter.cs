using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.DeadLetters;

/// <summary>
/// A message its consumer gives up on for good, as a dead letter kept in the consumer's own transaction: the
/// message as received, keyed by <c>letterKey</c> (one letter per command, however many deliveries it took; a
/// failure after its replay reopens it). The stored copy gets a MessageId of its own: the inbox marks the
/// received one in that same transaction, so a replay must come as a new message.
/// </summary>
public static class ConsumedLetter
{
    public static DeadLetterCapture Capture(
        ConsumeContext context, string letterKey, ConsumedLetterReason reason, Func<string, bool>? keepHeader = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reason);
        var replayId = NewId.NextGuid();
        var headers = context.ReceiveContext.TransportHeaders.GetAll()
            .Where(h => keepHeader?.Invoke(h.Key) ?? true)
            .ToDictionary(h => h.Key, h => (object?)h.Value, StringComparer.Ordinal);
        var properties = context.ReceiveContext.TryGetPayload(out RabbitMqBasicConsumeContext? amqp)
            ? AmqpProperties.From(amqp.Properties)
            : new AmqpProperties { ContentType = context.ReceiveContext.ContentType?.MediaType };
        return new DeadLetterCapture
        {
            MessageId = letterKey,
            MessageTypes = [.. context.SupportedMessageTypes],
            ContentType = properties.ContentType,
            Body = WithMessageId(context.ReceiveContext.GetBody(), replayId),
            Headers = headers,
            Properties = properties with { MessageId = replayId.ToString() },
            SourceService = reason.SourceService,
            SourceQueue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1],
            Reason = reason.Reason,
            ExceptionType = reason.ExceptionType,
            ExceptionMessage = reason.ExceptionMessage,
            RedeliveryCount = reason.RedeliveryCount,
            FirstFailedAt = reason.FirstFailedAt,
            FailedAt = reason.FailedAt,
            ReplayCount = ReplayCountOf(context),
        };
    }

    /// <summary>
    /// The replay count a message carries: 0 unless it came back from the dead letters. A replay sets it as an AMQP
    /// header, which a MassTransit envelope's own headers do not show; a message sent on with it has it in both.
    /// </summary>
    public static int ReplayCountOf(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ReceiveContext.TransportHeaders.Get<int>(ReplayCountHeader) ?? context.Headers.Get<int>(ReplayCountHeader) ?? 0;
    }

    /// <summary>The header a replay carries its count in; a consumer that sends a replayed message on keeps it.</summary>
    public static string ReplayCountHeader => CaptureReader.ReplayCountHeader;

    /// <summary>MassTransit reads a JSON envelope's id from the body; any other body keeps only the AMQP property.</summary>
    private static byte[] WithMessageId(byte[] body, Guid messageId)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject envelope && envelope.ContainsKey("messageId"))
            {
                envelope["messageId"] = messageId.ToString();
                return JsonSerializer.SerializeToUtf8Bytes(envelope);
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }
}

/// <summary>Why a consumer gave up on a message, as its dead letter says it.</summary>
public sealed record ConsumedLetterReason(
    string SourceService, string Reason, string ExceptionType, string ExceptionMessage, DateTimeOffset FirstFailedAt, DateTimeOffset FailedAt,
    int RedeliveryCount = 0);

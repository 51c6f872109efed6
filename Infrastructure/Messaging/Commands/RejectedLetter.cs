using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLightning.Contracts.System;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Commands;

/// <summary>
/// A rejected command as a dead letter: the message as received, keyed by the command's first MessageId so one
/// command is one letter (a failure after its replay reopens it). The stored copy gets a MessageId of its own:
/// the inbox marked the rejected delivery's id in the rejecting transaction, so a replay must come as a new
/// message. The window headers are dropped, so a replayed command gets a fresh redelivery window.
/// </summary>
internal static class RejectedLetter
{
    public static DeadLetterCapture Capture(ConsumeContext context, CommandRejected rejected, DateTimeOffset firstAttempt, DateTimeOffset now)
    {
        var replayId = NewId.NextGuid();
        var headers = context.ReceiveContext.TransportHeaders.GetAll()
            .Where(h => h.Key is not (CommandHeaders.FirstAttempt or CommandHeaders.Redelivery))
            .ToDictionary(h => h.Key, h => (object?)h.Value, StringComparer.Ordinal);
        headers[CommandHeaders.CommandId] = rejected.MessageId.ToString();
        var properties = context.ReceiveContext.TryGetPayload(out RabbitMqBasicConsumeContext? amqp)
            ? AmqpProperties.From(amqp.Properties)
            : new AmqpProperties { ContentType = context.ReceiveContext.ContentType?.MediaType };
        return new DeadLetterCapture
        {
            MessageId = rejected.MessageId.ToString(),
            MessageTypes = [.. context.SupportedMessageTypes],
            ContentType = properties.ContentType,
            Body = WithMessageId(context.ReceiveContext.GetBody(), replayId),
            Headers = headers,
            Properties = properties with { MessageId = replayId.ToString() },
            SourceService = rejected.RejectedBy,
            SourceQueue = context.ReceiveContext.InputAddress.AbsolutePath.Split('/')[^1],
            Reason = DeadLetterReason.Rejected,
            ExceptionType = $"{nameof(CommandRejected)}:{rejected.Reason}",
            ExceptionMessage = $"{rejected.CommandType} for {rejected.TargetType} '{rejected.TargetId}': {rejected.Detail}",
            RedeliveryCount = Math.Max(context.Headers.Get<int>(MessageHeaders.RedeliveryCount) ?? 0, CommandHeaders.RedeliveryOf(context)),
            FirstFailedAt = firstAttempt,
            FailedAt = now,
            ReplayCount = context.Headers.Get<int>(CaptureReader.ReplayCountHeader) ?? 0,
        };
    }

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

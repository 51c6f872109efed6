using System.Net.Mime;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace AgentLightning.Infrastructure.Messaging.Capture;

/// <summary>
/// Sends a <see cref="CapturedMessage"/> as it was captured: the body bytes unchanged, the transport-level ids,
/// headers and properties restored. A command (see <c>CommandSender</c>) goes mandatory, so while its owner's queue
/// does not exist the broker returns it and the send fails — its outbox or schedule retries later and finally makes
/// it a dead letter — instead of the message vanishing.
/// </summary>
internal sealed class CapturedMessageSendPipe(CapturedMessage message, DateTime now) : IPipe<SendContext>
{
    public Task Send(SendContext context)
    {
        try
        {
            Apply(context);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new UnsendableMessageException($"Message {message.MessageId} cannot be sent as captured: {e.Message}", e);
        }

        return Task.CompletedTask;
    }

    private void Apply(SendContext context)
    {
        context.MessageId = message.MessageId;
        context.CorrelationId = message.CorrelationId;
        context.ConversationId = message.ConversationId ?? context.ConversationId;
        context.InitiatorId = message.InitiatorId ?? context.InitiatorId;
        context.RequestId = message.RequestId ?? context.RequestId;
        context.SourceAddress = message.SourceAddress ?? context.SourceAddress;
        context.ResponseAddress = message.ResponseAddress ?? context.ResponseAddress;
        context.FaultAddress = message.FaultAddress ?? context.FaultAddress;
        context.SupportedMessageTypes = message.MessageType.Split(';');
        context.Serializer = new CopyBodySerializer(new ContentType(message.ContentType), message.Body);

        foreach (var (key, value) in HeaderJson.Read(message.Headers))
        {
            if (value is not null)
            {
                context.Headers.Set(key, value);
            }
        }

        if (context is TransportSendContext transport && HeaderJson.Read(message.Properties) is { Count: > 0 } properties)
        {
            transport.ReadPropertiesFrom(properties!);
        }

        // Never a transport delay: without the delayed-exchange plugin RabbitMQ would close the connection.
        context.Delay = null;
        if (message.ExpirationTime is { } expiresAt)
        {
            context.TimeToLive = expiresAt - now;
        }

        if (context.Headers.TryGetHeader(Commands.CommandHeaders.Command, out _))
        {
            var rabbit = context as RabbitMqSendContext;
            if (rabbit is not null || context.TryGetPayload(out rabbit))
            {
                rabbit.Mandatory = true;
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateScope("capturedMessage");
}

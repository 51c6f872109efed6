using AgentLightning.Infrastructure.Messaging.Capture;
using MassTransit.Scheduling;
using MassTransit.Transports;
using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Scheduling;

/// <summary>
/// MassTransit's scheduler extension point, backed by <c>scheduled_messages</c>: the message is prepared by the
/// destination's own send endpoint (serializer, send topology, the caller's pipe), captured and handed to
/// <paramref name="writer"/>, which stores it at once or with the caller's unit of work; the dispatcher sends it when
/// due. <paramref name="sendEndpoints"/> is the bus, or the consume context so that conversation and initiator ids
/// flow as they would for an immediate send.
/// </summary>
public sealed class PostgresScheduleMessageProvider(ISendEndpointProvider sendEndpoints, IScheduledMessageWriter writer, TimeProvider clock)
    : IScheduleMessageProvider
{
    public async Task<ScheduledMessage<T>> ScheduleSend<T>(
        Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        if (!MessageTypeCache<T>.IsValidMessageType)
        {
            throw new ArgumentException(MessageTypeCache<T>.InvalidMessageTypeReason, nameof(message));
        }

        var tokenId = ScheduleTokenIdCache<T>.GetTokenId(message);
        var endpoint = await sendEndpoints.GetSendEndpoint(destinationAddress);
        var transport = endpoint as ITransportSendEndpoint
            ?? throw new InvalidOperationException($"The send endpoint for {destinationAddress} cannot prepare a message without sending it.");

        var context = await transport.CreateSendContext(message, new TokenPipe<T>(pipe, tokenId), cancellationToken);
        var dueAt = ToUtc(scheduledTime);
        var now = clock.GetUtcNow().UtcDateTime;
        await writer.AddAsync(ScheduledMessageEntry.From(CapturedMessage.From(context, now), destinationAddress, tokenId, dueAt, now), cancellationToken);

        return new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => writer.CancelAsync(tokenId, cancellationToken);

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        writer.CancelAsync(tokenId, cancellationToken);

    /// <summary>MassTransit treats any time that is not Local as UTC.</summary>
    private static DateTime ToUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);

    /// <summary>
    /// Runs the caller's pipe, then marks the message with its token as MassTransit's schedulers do: a saga's
    /// Schedule matches the arriving message to the saga's current token through MT-Scheduling-TokenId.
    /// </summary>
    private sealed class TokenPipe<T>(IPipe<SendContext<T>> pipe, Guid tokenId) : IPipe<SendContext<T>>
        where T : class
    {
        public async Task Send(SendContext<T> context)
        {
            if (pipe.IsNotEmpty())
            {
                await pipe.Send(context);
            }

            context.ScheduledMessageId = tokenId;
            context.Headers.Set(MessageHeaders.SchedulingTokenId, tokenId.ToString("D"));
        }

        public void Probe(ProbeContext context) => pipe.Probe(context);
    }
}

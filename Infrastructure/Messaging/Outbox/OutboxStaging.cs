using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// Turns each captured send or publish of a DI scope into an outbox row on the scope's DbContext, so it commits
/// or rolls back with the scope's changes. One outbox (state row) per transaction keeps their order.
/// </summary>
public sealed class OutboxStaging(AgentLightningDbContext db, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private EntityEntry<OutboxState>? _state;

    public Task Add<T>(SendContext<T> context) where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "An outbox message needs a MessageId.");
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (_state is null || _state.State is EntityState.Unchanged or EntityState.Detached)
            {
                _state = db.Add(new OutboxState { OutboxId = NewId.NextGuid(), CreatedAt = now, NextAttemptAt = now });
            }

            db.Add(ToRow(context, messageId, _state.Entity.OutboxId, now));
        }

        return Task.CompletedTask;
    }

    private static OutboxMessage ToRow<T>(SendContext<T> context, Guid messageId, Guid outboxId, DateTime now) where T : class
    {
        var serializer = SystemTextJsonMessageSerializer.Instance;
        var row = new OutboxMessage
        {
            OutboxId = outboxId,
            MessageId = messageId,
            ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress,
            DestinationAddress = context.DestinationAddress,
            ResponseAddress = context.ResponseAddress,
            FaultAddress = context.FaultAddress,
            SentTime = context.SentTime ?? now,
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
        };
        if (context is TransportSendContext<T> transport)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(properties);
            row.Properties = serializer.SerializeDictionary(properties);
        }

        return row;
    }
}

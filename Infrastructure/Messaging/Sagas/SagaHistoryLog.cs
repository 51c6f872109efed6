using AgentLightning.Infrastructure.Messaging.Outbox;
using AgentLightning.Infrastructure.Messaging.Scheduling;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// A payload of the saga consume contexts this repository makes: one consumed message's part of the saga's history, added
/// to the message's DbContext (in its transaction) — each transition as the recorder hears it, and, when the repository
/// saves the saga, the message with what it caused: the outbox rows staged since the saga began consuming it (the outbox
/// keeps their order) and the schedules staged for the save. Sagas on another repository (a test harness's in-memory one)
/// have none and record nothing.
/// </summary>
internal sealed class SagaHistoryLog
{
    private readonly AgentLightningDbContext _db;
    private readonly OutboxStaging? _outbox;
    private readonly int _stagedBefore;
    private readonly SagaConversationEntry _consumed;
    private bool _moved;

    private SagaHistoryLog(AgentLightningDbContext db, OutboxStaging? outbox, SagaConversationEntry consumed)
    {
        _db = db;
        _outbox = outbox;
        _stagedBefore = outbox?.StagedCount ?? 0;
        _consumed = consumed;
    }

    /// <summary>Before the saga runs: what it sends from here on is what the message caused.</summary>
    public static SagaHistoryLog Begin<TMessage>(
        AgentLightningDbContext db, OutboxStaging? outbox, string sagaType, Guid correlationId, ConsumeContext<TMessage> context, DateTime now)
        where TMessage : class =>
        new(db, outbox, new SagaConversationEntry
        {
            SagaType = sagaType,
            CorrelationId = correlationId,
            MessageId = context.MessageId,
            MessageType = MessageUrn.ForTypeString<TMessage>(),
            ConversationId = context.ConversationId,
            ReceivedAt = now - context.ReceiveContext.ElapsedTime,
        });

    public void Add(SagaTransition transition)
    {
        _moved = true;
        _db.Add(transition);
    }

    /// <summary>At the saga's save, before it: the message's row when it moved the saga or caused a message; none otherwise.</summary>
    public void AddConsumed()
    {
        List<SagaCausedMessage> caused =
        [
            .. _outbox?.StagedSince(_stagedBefore).Where(m => _db.Entry(m).State == EntityState.Added).Select(SagaCausedMessage.Sent) ?? [],
            .. ScheduledMessageSaveChangesInterceptor.Staged(_db).Where(e => e.State == EntityState.Added).Select(e => SagaCausedMessage.Scheduled(e.Entity)),
        ];
        if (_moved || caused.Count > 0)
        {
            _consumed.Caused = SagaCausedMessage.Write(caused);
            _db.Add(_consumed);
        }
    }
}

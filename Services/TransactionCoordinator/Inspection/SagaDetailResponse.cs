using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.DeadLetters;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// One saga: where it is, how it ended (null while it runs) and its data (null once its row is gone: purged, or deleted
/// by SetCompletedWhenFinalized, while its history is kept), a page of its transitions (<c>count</c>) and of its
/// conversation (the messages it consumed with those each caused), one <c>next</c> for both, the messages of its
/// conversation the platform still holds, the dead letters and command rejections that belong to it, and the
/// operators' actions on it.
/// </summary>
internal sealed record SagaDetailResponse(
    string Type, Guid CorrelationId, string? State, DateTime? CreatedAt, DateTime? UpdatedAt, DateTime? FinishedAt, string? Outcome, JsonElement? Data,
    IReadOnlyList<TransitionEntry> Transitions, int Count, string? Next, IReadOnlyList<ConversationEntry> Conversation, SagaMessages Messages,
    IReadOnlyList<DeadLetterSummary> DeadLetters, IReadOnlyList<DeadLetterSummary> Rejections, IReadOnlyList<SagaActionEntry> Actions);

internal sealed record TransitionEntry(
    long Sequence, string? FromState, string ToState, string Event, Guid? MessageId, Guid? ConversationId, Guid? InitiatorId, DateTime RecordedAt,
    string Instance)
{
    public static TransitionEntry From(SagaTransition t) =>
        new(t.Sequence, t.FromState, t.ToState, t.Event, t.MessageId, t.ConversationId, t.InitiatorId, t.RecordedAt, t.Instance);
}

/// <summary>A message the saga consumed that moved it or made it send, publish or schedule, with those messages in the order it sent them.</summary>
internal sealed record ConversationEntry(
    long Sequence, Guid? MessageId, string MessageType, Guid? ConversationId, DateTime ReceivedAt, IReadOnlyList<SagaCausedMessage> Caused)
{
    public static ConversationEntry From(SagaConversationEntry e) =>
        new(e.Sequence, e.MessageId, e.MessageType, e.ConversationId, e.ReceivedAt, SagaCausedMessage.Read(e.Caused));
}

/// <summary>
/// What is kept of the saga's conversation besides its history (each names the message that moved it):
/// its pending timeouts, what it (or anything in its conversation) sent that is not yet on the broker, and the commands that
/// reached it through POST /commands.
/// </summary>
internal sealed record SagaMessages(IReadOnlyList<ScheduledEntry> Scheduled, IReadOnlyList<PendingEntry> Pending, IReadOnlyList<CommandEntry> Commands);

internal sealed record ScheduledEntry(Guid TokenId, Guid MessageId, string MessageType, Uri DestinationAddress, DateTime DueAt, int Attempts, string? LastError);

internal sealed record PendingEntry(Guid MessageId, string MessageType, Uri? DestinationAddress, Guid? ConversationId, DateTime SentTime);

internal sealed record CommandEntry(Guid MessageId, string MessageType, DateTimeOffset SentAt);

internal sealed record SagaActionEntry(string Action, string Actor, DateTimeOffset At, string Result, JsonElement Detail)
{
    public static SagaActionEntry From(SagaAction a) => new(a.Action, a.Actor, a.At, a.Result, JsonSerializer.Deserialize<JsonElement>(a.Detail));
}

using System.Text.Json;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Messaging.Commands.Http;
using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Messaging.Scheduling;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>What an action did: its audit entry, and for a cancel the link that follows its command to its outcome.</summary>
internal sealed record SagaActionResponse(Guid CorrelationId, string Type, SagaActionEntry Action, string? Outcome);

/// <summary>
/// An operator's actions on a saga, each audited in saga_actions in the transaction that does it; a refusal (409) is
/// audited too. Ids that name no saga (404) are not.
/// </summary>
internal sealed class SagaOperatorActions(
    AgentLightningDbContext db, SagaDetailReader reader, ICommandSender sender, DispatchSignal dispatcher, TimeProvider clock)
{
    /// <summary>
    /// Sends the machine's own cancel command (its <see cref="ISagaCancellation"/>) to its owner through the outbox,
    /// with the audit and the command's outcome link in one commit; the machine compensates when it takes it.
    /// </summary>
    public async Task<SagaActionResponse> CancelAsync(Guid id, string? reason, string actor, CancellationToken cancellationToken)
    {
        var (type, saga) = await FindAsync(id, cancellationToken);
        if (type.Cancellation is null)
        {
            await RefuseAsync(type, id, SagaAction.Cancel, actor, $"a {type.Name} has no cancel command", cancellationToken);
        }
        else if (saga.FinishedAt is not null || saga.CurrentState == SagaState.FinalState)
        {
            await RefuseAsync(type, id, SagaAction.Cancel, actor, $"it finished at {saga.FinishedAt:O}", cancellationToken);
        }

        var command = type.Cancellation!.CommandFor(saga, reason ?? $"cancelled by {actor}");
        var commandType = command.GetType();
        var messageId = await sender.Send(command, commandType, cancellationToken);
        db.Add(new SentCommand { MessageId = messageId, MessageType = commandType.Name, SentAt = clock.GetUtcNow() });
        var action = Audit(type, id, SagaAction.Cancel, actor, SagaAction.Done, new { command = commandType.Name, messageId, reason, state = saga.CurrentState });
        await db.SaveChangesAsync(cancellationToken);
        return new SagaActionResponse(id, type.Name, SagaActionEntry.From(action), $"{CommandEndpoints.Path}/{commandType.Name}/{messageId}");
    }

    /// <summary>Makes the saga's pending timeouts (its schedules' scheduled_messages rows) due now; the dispatcher sends them to the saga.</summary>
    public async Task<SagaActionResponse> RedeliverTimeoutAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var (type, saga) = await FindAsync(id, cancellationToken);
        var tokens = type.TimeoutTokens(saga).ToArray();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Set<ScheduledMessageEntry>().Where(m => tokens.Contains(m.TokenId))
            .ExecuteUpdateAsync(m => m.SetProperty(e => e.DueAt, now), cancellationToken);
        if (due == 0)
        {
            throw new EntityNotFoundException("pending timeout of saga", id.ToString());
        }

        var action = Audit(type, id, SagaAction.RedeliverTimeout, actor, SagaAction.Done, new { tokens, state = saga.CurrentState });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        dispatcher.Scheduled(now);
        return new SagaActionResponse(id, type.Name, SagaActionEntry.From(action), null);
    }

    private async Task<(RegisteredSaga Type, SagaState Saga)> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await reader.FindAsync(id, cancellationToken) is (RegisteredSaga type, SagaState saga)
            ? (type, saga)
            : throw new EntityNotFoundException("saga", id.ToString());

    private async Task RefuseAsync(RegisteredSaga type, Guid id, string action, string actor, string reason, CancellationToken cancellationToken)
    {
        Audit(type, id, action, actor, SagaAction.Refused, new { reason });
        await db.SaveChangesAsync(cancellationToken);
        throw new DataConflictException("saga", id.ToString(), reason);
    }

    private SagaAction Audit(RegisteredSaga type, Guid id, string action, string actor, string result, object detail)
    {
        var entry = new SagaAction
        {
            SagaType = type.Name,
            CorrelationId = id,
            Action = action,
            Actor = actor,
            At = clock.GetUtcNow(),
            Result = result,
            Detail = JsonSerializer.Serialize(detail, JsonSerializerOptions.Web),
        };
        db.Add(entry);
        return entry;
    }
}

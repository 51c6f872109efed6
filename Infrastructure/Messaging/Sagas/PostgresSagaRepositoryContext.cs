using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// What the saga pipe asks of storage for one message, inside the message's transaction: each save writes the row (and
/// whatever else the scope staged: outbox rows, transitions, the consumed message with what it caused) without
/// committing; the consumer outbox commits it all.
/// A lost race — the row changed since it was read, or another event created the saga first — is MassTransit's
/// <see cref="ConcurrencyException"/>, which rolls the whole attempt back and is retried.
/// </summary>
internal sealed class PostgresSagaRepositoryContext<TSaga, TMessage>(
    AgentLightningDbContext db, ConsumeContext<TMessage> context, ISagaConsumeContextFactory<AgentLightningDbContext, TSaga> factory,
    SagaTable<TSaga> table, TimeProvider clock)
    : ConsumeContextScope<TMessage>(context, db), SagaRepositoryContext<TSaga, TMessage>
    where TSaga : SagaState
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _message = context;

    /// <summary>A new instance the state machine is about to run; it is written by <see cref="Save"/>.</summary>
    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance)
    {
        Stamp(instance, created: true);
        return factory.CreateSagaConsumeContext(db, _message, instance, SagaConsumeContextMode.Add);
    }

    /// <summary>
    /// Written before the event runs (InsertOnInitial). EF saves inside a savepoint of our transaction, so when another
    /// event inserted it first only the insert is undone, and the pipe loads that instance instead.
    /// </summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        Stamp(instance, created: true);
        var entry = db.Add(instance);
        try
        {
            await db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException e) when (IsDuplicate(e))
        {
            entry.State = EntityState.Detached;
            return null!;
        }

        return await factory.CreateSagaConsumeContext(db, _message, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await table.LoadAsync(db, correlationId, CancellationToken);
        return instance is null ? null! : await factory.CreateSagaConsumeContext(db, _message, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        Stamp(context.Saga, created: false);
        db.Add(context.Saga);
        return SaveAsync(context);
    }

    /// <summary>
    /// MassTransit updates the saga after every event it took, even one its state ignores (or a When whose filter did
    /// not match). Such an event changed nothing, so the row is not written: it keeps its updated_at (a stuck saga stays
    /// stuck) and its xmin; what else the message staged (outbox rows, transitions, schedules) is still saved.
    /// </summary>
    public Task Update(SagaConsumeContext<TSaga> context)
    {
        if (Changed(context.Saga))
        {
            Stamp(context.Saga, created: false);
        }

        return SaveAsync(context);
    }

    /// <summary>Only for machines that ask SetCompletedWhenFinalized; the others keep their finished rows (FinishedAt).</summary>
    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        db.Remove(context.Saga);
        return SaveAsync(context);
    }

    /// <summary>
    /// A new instance that completed at once or failed: it was never written. Its transitions and what it sent are, with
    /// the consumer outbox's save (a failure rolls them back).
    /// </summary>
    public Task Discard(SagaConsumeContext<TSaga> context)
    {
        db.Entry(context.Saga).State = EntityState.Detached;
        AddConsumed(context);
        return Task.CompletedTask;
    }

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        db.Entry(context.Saga).State = EntityState.Unchanged;
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);

    private bool Changed(TSaga saga)
    {
        var entry = db.Entry(saga);
        entry.DetectChanges();
        return entry.State != EntityState.Unchanged;
    }

    private void Stamp(TSaga saga, bool created)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (created)
        {
            saga.CreatedAt = now;
        }

        saga.UpdatedAt = now;
        saga.FinishedAt = saga.CurrentState == SagaState.FinalState ? saga.FinishedAt ?? now : null;
    }

    /// <summary>
    /// Without EF's automatic savepoint (two round trips a save): a failed save fails the whole attempt, which rolls
    /// back to the message's beginning and is retried, so there is nothing a savepoint would let us keep.
    /// </summary>
    private async Task SaveAsync(SagaConsumeContext<TSaga> context)
    {
        var saga = context.Saga;
        AddConsumed(context);
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConcurrencyException("The saga was changed by another event meanwhile", typeof(TSaga), saga.CorrelationId, e);
        }
        catch (DbUpdateException e) when (IsDuplicate(e))
        {
            throw new ConcurrencyException("The saga was created by another event meanwhile", typeof(TSaga), saga.CorrelationId, e);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private static void AddConsumed(SagaConsumeContext<TSaga> context)
    {
        if (context.TryGetPayload(out SagaHistoryLog? log))
        {
            log.AddConsumed();
        }
    }

    private bool IsDuplicate(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
        && table.Name(db).EndsWith($"\"{unique.TableName}\"", StringComparison.Ordinal);
}

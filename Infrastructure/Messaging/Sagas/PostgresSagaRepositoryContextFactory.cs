using System.Data;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// MassTransit's saga repository extension points over the scope's <see cref="AgentLightningDbContext"/>. Under the
/// consumer outbox (every endpoint of AddMessaging) the transaction is already open — the inbox mark is in it — and
/// the saga joins it: state, transitions, outgoing and scheduled messages commit together or not at all. Without it
/// (a bus configured otherwise) the repository opens and commits a transaction of its own per message.
/// </summary>
internal sealed class PostgresSagaRepositoryContextFactory<TSaga>(
    AgentLightningDbContext db, ISagaConsumeContextFactory<AgentLightningDbContext, TSaga> factory, SagaTable<TSaga> table, TimeProvider clock)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : SagaState
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        InTransactionAsync(context, () => next.Send(new PostgresSagaRepositoryContext<TSaga, T>(db, context, factory, table, clock)));

    /// <summary>Events correlated by a query (not by id) move every matching instance, loaded as by id (<see cref="SagaTable{TSaga}.QueryAsync"/>).</summary>
    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        InTransactionAsync(context, async () =>
        {
            var repository = new PostgresSagaRepositoryContext<TSaga, T>(db, context, factory, table, clock);
            var instances = await table.QueryAsync(db, query.FilterExpression, context.CancellationToken);
            await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repository, instances));
        });

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new SagaReadContext<TSaga>(db, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new SagaReadContext<TSaga>(db, cancellationToken));

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "postgres");
        context.Add("concurrency", table.Concurrency.ToString());
    }

    private async Task InTransactionAsync(PipeContext context, Func<Task> send)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await send();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken);
        await send();
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }
}

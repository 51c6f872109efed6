using System.Data;
using System.Diagnostics;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.Infrastructure.Messaging.Outbox;

/// <summary>
/// The consumer outbox and inbox in ONE transaction per message: mark the inbox, run the consumer (its
/// changes and its outgoing messages join the transaction), commit. A second delivery of the MessageId finds
/// the inbox row — or waits on its uncommitted insert — and is acknowledged without effect.
/// MassTransit's own EF outbox spends four transactions here; delivery after commit is the delivery service's.
/// </summary>
internal sealed class PostgresOutboxContextFactory(
    AgentLightningDbContext db, OutboxStaging staging, SagaSavepoints savepoints, IServiceProvider provider) : IOutboxContextFactory<AgentLightningDbContext>
{
    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId() ?? throw new MessageException(typeof(T), "The inbox needs a MessageId.");
        var timer = Stopwatch.StartNew();
        // A failed attempt is rolled back whole and retried: no savepoint per save (two round trips), except for sagas.
        db.Database.AutoSavepointsEnabled = savepoints.Keeps(options.ConsumerType);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken);
        var consumerId = options.ConsumerId.ToString("N");
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO inbox_state (message_id, consumer_id, received_at) VALUES ({messageId}, {consumerId}, now()) ON CONFLICT DO NOTHING",
            context.CancellationToken);

        var outboxContext = new TransactionalConsumeContext<T>(context, options, provider, staging, alreadyConsumed: inserted == 0);
        try
        {
            await next.Send(outboxContext);
        }
        catch
        {
            // Explicitly, so the rollback callbacks (cache write markers) run now rather than expire.
            await RollBackQuietlyAsync(transaction);
            throw;
        }

        if (inserted == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return;
        }

        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch (Exception exception)
        {
            await RollBackQuietlyAsync(transaction);
            await context.NotifyFaulted(timer.Elapsed, TypeCache<T>.ShortName, exception);
            throw;
        }
    }

    /// <summary>A rollback after a broken connection fails too; the original fault is the one worth reporting.</summary>
    private static async Task RollBackQuietlyAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "postgres");
}

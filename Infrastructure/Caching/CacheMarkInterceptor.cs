using System.Data.Common;
using AgentLightning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.Infrastructure.Caching;

/// <summary>
/// Bumps the cache generation inside a transaction whose writes are not covered by live markers (Redis was
/// unreachable, or a marker was lost), as its last statement before COMMIT. The bump is then visible exactly
/// when the data is: a process that synchronises to the new generation reads the new rows, and one that
/// synchronised before reads under the old epoch, which nobody trusts afterwards. Bumping before the commit
/// (outside the transaction) would let a reader fill the old row under the new epoch; bumping after it loses
/// the bump in a crash. The row lock it takes is held only for the COMMIT, and only by such transactions.
/// </summary>
internal sealed class CacheMarkInterceptor(CacheGeneration generation) : DbTransactionInterceptor
{
    public const string BumpSql = $"UPDATE {AgentLightningDbContext.CacheGenerationTable} SET value = value + 1";

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (MarksOf(eventData) is { } marks && marks.MustBump())
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = BumpSql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // This process may hold entries under the old epoch too: it reads PostgreSQL until it has synchronised.
        if (MarksOf(eventData)?.End() == true)
        {
            generation.Distrust("this process committed a write Redis does not show");

            // After one lease every process has synchronised since the commit (and seen the bump) or stopped
            // trusting Redis: the write returns when no one anywhere can serve the old value. Not cancellable,
            // since the write has committed and must not be answered with an error.
            await Task.Delay(generation.Lease, CancellationToken.None);
        }
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        MarksOf(eventData)?.End();
        return Task.CompletedTask;
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        MarksOf(eventData)?.End();
        return Task.CompletedTask;
    }

    private static TransactionCacheMarks? MarksOf(TransactionEventData eventData) =>
        (eventData.Context as AgentLightningDbContext)?.CacheMarks;
}

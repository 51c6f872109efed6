using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>Runs <see cref="TransactionCallbacks"/> when an explicit transaction of the platform's DbContext ends.</summary>
internal sealed class TransactionCallbackInterceptor : DbTransactionInterceptor
{
    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        CallbacksOf(eventData)?.Clear();
        return ValueTask.FromResult(result);
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (CallbacksOf(eventData) is { } callbacks)
        {
            await callbacks.CommittedAsync();
        }
    }

    public override async Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (CallbacksOf(eventData) is { } callbacks)
        {
            await callbacks.RolledBackAsync();
        }
    }

    private static TransactionCallbacks? CallbacksOf(TransactionEventData eventData) =>
        (eventData.Context as AgentLightningDbContext)?.Callbacks;
}

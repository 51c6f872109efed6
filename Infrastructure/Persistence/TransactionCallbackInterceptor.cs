using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AgentLightning.Infrastructure.Persistence;

/// <summary>
/// Runs <see cref="TransactionCallbacks"/> when an explicit transaction of the platform's DbContext ends. A callback
/// that fails is logged, never thrown: the commit or rollback has happened.
/// </summary>
internal sealed partial class TransactionCallbackInterceptor(ILogger<TransactionCallbackInterceptor> logger) : DbTransactionInterceptor
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
            Log(await callbacks.CommittedAsync(), "commit");
        }
    }

    public override async Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (CallbacksOf(eventData) is { } callbacks)
        {
            Log(await callbacks.RolledBackAsync(), "rollback");
        }
    }

    private void Log(IReadOnlyList<Exception> failures, string outcome)
    {
        foreach (var failure in failures)
        {
            LogCallbackFailed(logger, failure, outcome);
        }
    }

    private static TransactionCallbacks? CallbacksOf(TransactionEventData eventData) =>
        (eventData.Context as AgentLightningDbContext)?.Callbacks;

    [LoggerMessage(LogLevel.Error, "A callback after the {Outcome} of a transaction failed; the {Outcome} stands")]
    private static partial void LogCallbackFailed(ILogger logger, Exception error, string outcome);
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.Messaging.Tests.Outbox;

/// <summary>Every savepoint EF Core creates on a service's contexts (registered as one of its interceptors).</summary>
public sealed class SavepointCounter : DbTransactionInterceptor
{
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public override Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _created);
        return Task.CompletedTask;
    }
}

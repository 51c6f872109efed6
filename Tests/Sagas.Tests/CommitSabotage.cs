using System.Data.Common;
using AgentLightning.Sagas.Tests.Orders;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentLightning.Sagas.Tests;

/// <summary>A crash at the last moment: everything of the attempt is written in its transaction, the commit fails.</summary>
public sealed class CommitSabotage : DbTransactionInterceptor
{
    private Guid? _target;
    private int _crashes;

    public int Crashes => Volatile.Read(ref _crashes);

    /// <summary>Every commit of a transaction that holds <paramref name="orderId"/> in state Paid fails until disarmed.</summary>
    public void Arm(Guid orderId) => _target = orderId;

    public void Disarm() => _target = null;

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (_target is { } id && eventData.Context is { } db
            && db.ChangeTracker.Entries<TestOrderState>().Any(e => e.Entity.CorrelationId == id && e.Entity.CurrentState == "Paid"))
        {
            Interlocked.Increment(ref _crashes);
            throw new InvalidOperationException("Crashed before the commit");
        }

        return ValueTask.FromResult(result);
    }
}

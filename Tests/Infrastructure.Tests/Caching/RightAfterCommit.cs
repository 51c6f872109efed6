using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentLightning.Infrastructure.Tests.Caching;

/// <summary>
/// Runs a test's action once, right after the next commit and before anything the platform does after it
/// (it is the first interceptor): throwing <see cref="SimulatedCrash"/> there stands for the process dying.
/// </summary>
internal sealed class RightAfterCommit : DbTransactionInterceptor
{
    private Func<Task>? _next;

    public void Arm(Func<Task> action) => _next = action;

    public static Action<IHostApplicationBuilder> InstallFirst(RightAfterCommit interceptor) =>
        builder => builder.Services.Insert(0, ServiceDescriptor.Singleton<IInterceptor>(interceptor));

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _next, null) is { } action)
        {
            await action();
        }
    }
}

internal sealed class SimulatedCrash : Exception
{
    public SimulatedCrash()
        : base("the writer died right after its commit")
    {
    }
}

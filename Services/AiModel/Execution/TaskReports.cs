using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;

namespace AgentLightning.AiModel.Execution;

/// <summary>
/// Sends a task command to Workflow Engine (the task's owner) in one transaction with a change of the queue, so
/// the queue and what Workflow Engine is told never disagree: a finished task's row goes with its CompleteTask.
/// </summary>
internal sealed class TaskReports(IServiceScopeFactory scopes)
{
    /// <summary>
    /// Runs <paramref name="change"/> and, when it returns true, <paramref name="send"/>; all or nothing.
    /// False: the change did not apply (the task was cancelled or taken over), nothing was sent.
    /// </summary>
    public async Task<bool> CommitAsync(
        Func<AgentLightningDbContext, CancellationToken, Task<bool>> change, Func<ICommandSender, CancellationToken, Task> send,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AgentLightningDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<ICommandSender>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await change(db, cancellationToken))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return false;
        }

        await send(sender, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Execution;

/// <summary>
/// Claims waiting tasks under each model's concurrency limit and starts them; renews the leases of the tasks it
/// runs. Every instance runs one, against the one queue: a model's claims are serialised by an advisory lock
/// held for the claim's transaction, and count the tasks running anywhere (by lease) and the held reservations.
/// </summary>
internal sealed partial class ModelExecutor(
    ExecutionQueue queue, ExecutionRunner runner, ExecutionSignal signal, TaskReports reports, IServiceScopeFactory scopes,
    IOptions<ExecutionOptions> options, ILogger<ModelExecutor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewals = RenewAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var model in await queue.ModelsWithWorkAsync(stoppingToken))
                {
                    await ClaimAsync(model, stoppingToken);
                }

                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogRoundFailed(logger, e);
                await Task.Delay(options.Value.PollInterval, TimeProvider.System, CancellationToken.None);
            }
        }

        await runner.DrainAsync();
        await renewals;
    }

    private async Task ClaimAsync(string name, CancellationToken stoppingToken)
    {
        RegisteredModel? model;
        await using (var scope = scopes.CreateAsyncScope())
        {
            model = await scope.ServiceProvider.GetRequiredService<ModelRepository>().GetAsync(name, stoppingToken);
        }

        if (model is null)
        {
            await FailOrphansAsync(name, stoppingToken);
            return;
        }

        IReadOnlyList<ModelExecution> claimed = [];
        IReadOnlyList<ModelExecution> exhausted = [];
        var lease = options.Value.LeaseDuration;
        var maxAttempts = options.Value.MaxAttempts;
        await reports.CommitAsync(async (db, ct) =>
        {
            await ExecutionQueue.LockModelAsync(db, name, ct);
            var free = model.MaxConcurrentTasks - await ExecutionQueue.UsedSlotsAsync(db, name, ct);
            claimed = free > 0 ? await ExecutionQueue.ClaimAsync(db, name, free, options.Value.InstanceId, lease, ct) : [];
            exhausted = [.. claimed.Where(e => e.Attempts > maxAttempts)];
            if (exhausted.Count > 0)
            {
                await ExecutionQueue.DropAsync(db, [.. exhausted.Select(e => e.TaskId)], ct);
                claimed = [.. claimed.Except(exhausted)];
            }

            return claimed.Count + exhausted.Count > 0;
        }, async (sender, ct) =>
        {
            // A task taken over after a lost lease was started already.
            foreach (var execution in claimed.Where(e => e.Attempts == 1))
            {
                await sender.Send(new StartTask { TaskId = execution.TaskId }, ct);
            }

            foreach (var execution in exhausted)
            {
                await sender.Send(new FailTask { TaskId = execution.TaskId, ErrorMessage = ExecutionReasons.GaveUp(maxAttempts) }, ct);
            }
        }, stoppingToken);

        foreach (var execution in claimed)
        {
            runner.Start(execution, model, stoppingToken);
        }
    }

    /// <summary>The model was deleted while its tasks waited: they fail, saying so.</summary>
    private async Task FailOrphansAsync(string name, CancellationToken stoppingToken)
    {
        IReadOnlyList<Guid> orphans = [];
        await reports.CommitAsync(async (db, ct) =>
        {
            orphans = await ExecutionQueue.TakeOrphansAsync(db, name, ct);
            return orphans.Count > 0;
        }, async (sender, ct) =>
        {
            foreach (var id in orphans)
            {
                await sender.Send(new FailTask { TaskId = id, ErrorMessage = ExecutionReasons.ModelMissing(name) }, ct);
            }
        }, stoppingToken);
    }

    private async Task RenewAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var running = runner.Running;
                if (running.Count == 0)
                {
                    continue;
                }

                try
                {
                    var held = await queue.RenewAsync(options.Value.InstanceId, running, options.Value.LeaseDuration, stoppingToken);
                    foreach (var lost in running.Where(id => !held.Contains(id)))
                    {
                        runner.Cancel(lost);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRenewalFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Error, "A claim round failed; trying again after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Renewing the running tasks' leases failed; trying again at the next interval")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}

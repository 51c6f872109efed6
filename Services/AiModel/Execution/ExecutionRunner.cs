using System.Collections.Concurrent;
using AgentLightning.AiModel.Providers;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.Extensions.Options;

namespace AgentLightning.AiModel.Execution;

/// <summary>
/// Runs claimed tasks on their providers and reports their outcome. Each running task has a cancellation source:
/// cancelled by a TaskCancelled consumed here, by a renewal that finds the row gone (cancelled on another
/// instance, or taken over after a lost lease), or by the host stopping (then the task goes back to the queue).
/// </summary>
internal sealed partial class ExecutionRunner(
    ProviderCatalog providers, TaskReports reports, ExecutionQueue queue, ExecutionSignal signal,
    IOptions<ExecutionOptions> options, ILogger<ExecutionRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<Task, bool> _runs = new();

    private string Owner => options.Value.InstanceId;

    public IReadOnlyList<Guid> Running => [.. _running.Keys];

    /// <summary>
    /// Starts the task; the provider is called before this returns, so tasks start in the order they are given.
    /// A task still running here was claimed again because its lease ran out under it (renewals failed): the claim
    /// gave this instance a fresh lease, and the run in progress goes on instead of a second one.
    /// </summary>
    public void Start(ModelExecution execution, RegisteredModel model, CancellationToken stopping)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        if (!_running.TryAdd(execution.TaskId, cancellation))
        {
            cancellation.Dispose();
            LogStillRunning(logger, execution.TaskId);
            return;
        }

        var run = RunAsync(execution, model, cancellation, stopping);
        _runs[run] = true;
        _ = run.ContinueWith(done => _runs.TryRemove(done, out _), TaskScheduler.Default);
    }

    public void Cancel(Guid taskId)
    {
        if (_running.TryGetValue(taskId, out var cancellation))
        {
            cancellation.Cancel();
        }
    }

    /// <summary>Waits for the running tasks to stop (the host's stopping token cancels them).</summary>
    public Task DrainAsync() => Task.WhenAll(_runs.Keys);

    private async Task RunAsync(ModelExecution execution, RegisteredModel model, CancellationTokenSource cancellation, CancellationToken stopping)
    {
        var id = execution.TaskId;
        try
        {
            var request = new ProviderRequest(id, execution.AgentId, model.ProviderModel, model.ContextWindow, execution.Description, execution.Context);
            Func<ICommandSender, CancellationToken, Task> outcome;
            try
            {
                var result = await providers.Get(model.Provider).ExecuteAsync(request, (percent, note) => ReportAsync(id, percent, note, stopping), cancellation.Token);
                outcome = (sender, ct) => sender.Send(new CompleteTask { TaskId = id, Result = result }, ct);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                if (stopping.IsCancellationRequested)
                {
                    await queue.ReturnAsync(Owner, [id], CancellationToken.None);
                }

                LogStopped(logger, id, stopping.IsCancellationRequested ? "the service is stopping; back in the queue" : "cancelled or taken over");
                return;
            }
            catch (Exception e)
            {
                var error = $"{model.Provider} model '{model.Name}' failed: {e.Message}";
                outcome = (sender, ct) => sender.Send(new FailTask { TaskId = id, ErrorMessage = error }, ct);
            }

            if (!await reports.CommitAsync((db, ct) => ExecutionQueue.FinishAsync(db, id, Owner, ct), outcome, CancellationToken.None))
            {
                LogStopped(logger, id, "cancelled or taken over before its outcome was recorded; outcome dropped");
            }
        }
        catch (Exception e)
        {
            // Its lease runs out and another claim runs it again.
            LogRunFailed(logger, e, id);
        }
        finally
        {
            _running.TryRemove(id, out _);
            cancellation.Dispose();
            signal.Ring();
        }
    }

    /// <summary>Progress is a courtesy: a report that cannot be written is logged, and the task goes on.</summary>
    private async Task ReportAsync(Guid id, int percent, string note, CancellationToken cancellationToken)
    {
        try
        {
            var progress = new ReportTaskProgress { TaskId = id, Percent = Math.Clamp(percent, 0, 100), Note = note };
            await reports.CommitAsync((db, ct) => ExecutionQueue.HoldsAsync(db, id, Owner, ct), (sender, ct) => sender.Send(progress, ct), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProgressLost(logger, e, id);
        }
    }

    [LoggerMessage(LogLevel.Information, "Task {TaskId} stopped: {Why}")]
    private static partial void LogStopped(ILogger logger, Guid taskId, string why);

    [LoggerMessage(LogLevel.Error, "Task {TaskId} could not record its outcome; it runs again once its lease expires")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid taskId);

    [LoggerMessage(LogLevel.Warning, "Task {TaskId} was claimed again after its lease ran out while it still runs here; the run goes on")]
    private static partial void LogStillRunning(ILogger logger, Guid taskId);

    [LoggerMessage(LogLevel.Warning, "Task {TaskId}: a progress report could not be sent")]
    private static partial void LogProgressLost(ILogger logger, Exception exception, Guid taskId);
}

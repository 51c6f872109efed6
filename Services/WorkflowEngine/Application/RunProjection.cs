using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>
/// Keeps a run's row from the saga's events. Events of one run may arrive out of order (outboxes deliver
/// independently, redeliveries reorder), so each carries the saga's version: the run's status moves only by a
/// run-level event newer than the last one applied, a step only by an event newer than that step's last. Two
/// events applied at once conflict on the row's xmin and one is retried.
/// </summary>
internal sealed partial class RunProjection(AgentLightningDbContext db, TimeProvider clock, ILogger<RunProjection> logger)
{
    public Task RunAsync(Guid runId, long version, string status, string? error, string eventType, CancellationToken cancellationToken) =>
        ApplyAsync(runId, eventType, run =>
        {
            if (version <= run.Version)
            {
                return false;
            }

            run.Status = status;
            run.ErrorMessage = error;
            run.Version = version;
            return true;
        }, cancellationToken);

    public Task StepAsync(Guid runId, int index, long version, Func<RunStep, RunStep> change, string eventType, CancellationToken cancellationToken) =>
        ApplyAsync(runId, eventType, run =>
        {
            var steps = RunStep.Deserialize(run.Steps);
            if (index < 0 || index >= steps.Count || version <= steps[index].Version)
            {
                return false;
            }

            steps[index] = change(steps[index]) with { Version = version };
            run.Steps = RunStep.Serialize(steps);
            return true;
        }, cancellationToken);

    private async Task ApplyAsync(Guid runId, string eventType, Func<WorkflowRun, bool> apply, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            // Not a run asked for here (its row commits with its StartWorkflow, so it cannot be behind its events).
            LogUnknownRun(logger, eventType, runId);
            return;
        }

        if (!apply(run))
        {
            LogStale(logger, eventType, runId);
            return;
        }

        run.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "{EventType} for run {RunId}, which no workflow here started: ignored")]
    private static partial void LogUnknownRun(ILogger logger, string eventType, Guid runId);

    [LoggerMessage(LogLevel.Information, "{EventType} for run {RunId} is older than what the run shows: ignored")]
    private static partial void LogStale(ILogger logger, string eventType, Guid runId);
}

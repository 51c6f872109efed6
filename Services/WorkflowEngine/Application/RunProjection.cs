using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>
/// Keeps a run's row from the saga's events, strictly in the order the saga published them. The saga numbers a run's
/// events 1, 2, 3… without a gap, and they can arrive out of order: a consumer takes several messages at once (the
/// partitioner by run makes them exclusive, not ordered), outboxes deliver independently, redeliveries come later.
/// So an event already applied (version at most the row's) changes nothing, an event ahead of the next one is
/// refused with <see cref="RunEventAheadException"/> and retried until the one before it has been applied, and only
/// the next one changes the row: a reader never sees a run ended while a step the saga completed before the end
/// still shows pending. Two events applied at once conflict on the row's xmin and one is retried.
/// </summary>
internal sealed partial class RunProjection(AgentLightningDbContext db, TimeProvider clock, ILogger<RunProjection> logger)
{
    public async Task ApplyAsync(Guid runId, long version, string eventType, Action<RunChange> change, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            // Not a run asked for here (its row commits with its StartWorkflow, so it cannot be behind its events).
            LogUnknownRun(logger, eventType, runId);
            return;
        }

        if (version <= run.Version)
        {
            LogAlreadyApplied(logger, eventType, runId, version);
            return;
        }

        if (version > run.Version + 1)
        {
            throw new RunEventAheadException(eventType, runId, version, run.Version);
        }

        var next = new RunChange(run, version);
        change(next);
        if (next.IgnoredStep is { } index)
        {
            LogNoSuchStep(logger, eventType, runId, index);
        }

        run.Version = version;
        run.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "{EventType} for run {RunId}, which no workflow here started: ignored")]
    private static partial void LogUnknownRun(ILogger logger, string eventType, Guid runId);

    [LoggerMessage(LogLevel.Information, "{EventType} {Version} for run {RunId} was applied before: ignored")]
    private static partial void LogAlreadyApplied(ILogger logger, string eventType, Guid runId, long version);

    [LoggerMessage(LogLevel.Warning, "{EventType} for run {RunId} names step {StepIndex}, which the run does not have: the run moves on without it")]
    private static partial void LogNoSuchStep(ILogger logger, string eventType, Guid runId, int stepIndex);
}

/// <summary>What one event does to the run's row.</summary>
internal sealed class RunChange(WorkflowRun run, long version)
{
    /// <summary>A step the event named that the run does not have (a broken event; its sequence number still counts).</summary>
    public int? IgnoredStep { get; private set; }

    public void Status(string status, string? error = null)
    {
        run.Status = status;
        run.ErrorMessage = error;
    }

    public void Step(int index, Func<RunStep, RunStep> change)
    {
        var steps = RunStep.Deserialize(run.Steps);
        if (index < 0 || index >= steps.Count)
        {
            IgnoredStep = index;
            return;
        }

        steps[index] = change(steps[index]) with { Version = version };
        run.Steps = RunStep.Serialize(steps);
    }
}

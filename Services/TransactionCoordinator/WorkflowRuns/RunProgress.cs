using System.Text.Json;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.WorkflowRuns;

/// <summary>
/// What an event does to a run, as plain code over the saga's state: which tasks to create or cancel
/// (<see cref="Commands"/>) and which run events to publish (<see cref="Events"/>, each with the run's next version).
/// The machine sends them in the message's transaction, so a crash never leaves the state moved without them.
/// A task's event counts only while the step awaits that very task: a duplicate or a retried attempt's predecessor
/// changes nothing; a task the run cancelled is awaited until it ends, and undone if it completed first.
/// </summary>
internal sealed class RunProgress
{
    /// <summary>Every outcome a run ends with (<see cref="Stop"/>, <see cref="CompleteRun"/>): the inspection's filter and counts.</summary>
    public static readonly IReadOnlyList<string> Outcomes = [WorkflowStatuses.Completed, WorkflowStatuses.Failed, WorkflowStatuses.Cancelled];

    private readonly WorkflowRunState _run;
    private readonly DateTime _now;
    private readonly List<RunStep> _steps;
    private bool _ended;

    public RunProgress(WorkflowRunState run, DateTime now)
    {
        _run = run;
        _now = now;
        _steps = RunStep.Read(run.Steps);
    }

    public List<object> Commands { get; } = [];

    public List<object> Events { get; } = [];

    public void Start(StartWorkflow start)
    {
        _run.WorkflowId = start.WorkflowId;
        _run.Name = start.Name;
        _run.Context = start.Context is { ValueKind: JsonValueKind.Object } context ? context.GetRawText() : "{}";
        _steps.AddRange(start.Steps.Select(RunStep.From));
        Events.Add(RunEvents.Started(_run, start, NextVersion()));
        if (_steps.Count == 0)
        {
            CompleteRun();
            return;
        }

        StartGroup(0);
    }

    public void TaskCompleted(Guid taskId, JsonElement? result)
    {
        if (Find(taskId) is not { } index)
        {
            return;
        }

        var step = _steps[index];
        switch (step.Status)
        {
            case RunStepStatuses.Running:
                CompleteStep(index, result);
                Advance(index);
                break;
            case RunStepStatuses.Cancelling:
            case RunStepStatuses.Cancelled:
                // The task finished before the cancel reached it (or after the run stopped waiting, even after the
                // run ended): its work is done, so it is undone like any completed step, before the steps that ran
                // earlier, and the run's last event is published again.
                CompleteStep(index, result);
                Settle();
                break;
            case RunStepStatuses.Compensating:
                step.Status = RunStepStatuses.Compensated;
                step.Deadline = null;
                Settle();
                break;
        }
    }

    /// <summary>Whether <paramref name="taskId"/> is the task of a step the run cancelled and then gave up on.</summary>
    public static bool GaveUpOn(WorkflowRunState run, Guid taskId) =>
        RunStep.Read(run.Steps).Any(s => s.Status == RunStepStatuses.Cancelled && s.Awaits(taskId));

    public void TaskFailed(Guid taskId, string error)
    {
        if (Find(taskId) is { } index)
        {
            Fail(index, error);
        }
    }

    /// <summary>
    /// Owner refused the CreateTask of a step's current task (its agent is missing or inactive): the task never
    /// existed, so the step fails at once rather than at its deadline. Refusals of other commands name no step.
    /// </summary>
    public void CommandRejected(Guid commandId, string reason)
    {
        var index = _steps.FindIndex(s => s.CommandId == commandId && s.Deadline is not null);
        if (index >= 0)
        {
            Fail(index, reason);
        }
    }

    /// <summary>
    /// Every awaited task whose deadline is at or before <paramref name="due"/> is cancelled and counts as failed; a
    /// cancelled task that did not answer in time is given up (if it completes after all, even after the run ended,
    /// it is undone then).
    /// </summary>
    public void DeadlineReached(DateTime due)
    {
        var late = Enumerable.Range(0, _steps.Count).Where(i => _steps[i].Deadline <= due).ToList();
        foreach (var index in late)
        {
            var step = _steps[index];
            // Re-read: an earlier step of this loop may have stopped the run and given this one a new deadline.
            if (step.Deadline is not { } deadline || deadline > due || step.TaskId is not { } taskId)
            {
                continue;
            }

            if (step.Status == RunStepStatuses.Cancelling)
            {
                Fail(index, $"no answer to its cancel within {step.Timeout.TotalSeconds:0.###} s");
                continue;
            }

            Commands.Add(new CancelTask { TaskId = taskId, Reason = $"step '{step.Name}' of run {_run.CorrelationId} timed out" });
            Fail(index, $"timed out after {step.Timeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>Notes the message id a step's CreateTask left with (before <see cref="Save"/>).</summary>
    public void Sent(object command, Guid messageId)
    {
        if (command is CreateTask create)
        {
            _steps.Single(s => s.TaskId == create.TaskId).CommandId = messageId;
        }
    }

    public void Cancel(string? reason)
    {
        if (_run.Outcome is null)
        {
            Stop(WorkflowStatuses.Cancelled, reason ?? "cancelled", null);
        }
    }

    /// <summary>Writes the steps back and the deadline the run's timeout is to be scheduled for (null: none).</summary>
    public void Save()
    {
        _run.Steps = RunStep.Write(_steps);
        _run.DeadlineAt = _steps.Min(s => s.Deadline);
    }

    private void Fail(int index, string error)
    {
        var step = _steps[index];
        step.Deadline = null;
        switch (step.Status)
        {
            case RunStepStatuses.Running when step.Attempts <= step.RetryCount:
                Launch(index);
                break;
            case RunStepStatuses.Running:
                step.Status = RunStepStatuses.Failed;
                step.Error = error;
                Stop(WorkflowStatuses.Failed, $"step '{step.Name}' failed after {step.Attempts} attempt(s): {error}", index);
                break;
            case RunStepStatuses.Compensating when step.CompensationAttempts <= step.RetryCount:
                LaunchCompensation(index);
                break;
            case RunStepStatuses.Compensating:
                // A compensation that cannot be done is recorded and the others still run: stopping would leave them undone too.
                step.Status = RunStepStatuses.CompensationFailed;
                step.Error = error;
                Settle();
                break;
            case RunStepStatuses.Cancelling:
                step.Status = RunStepStatuses.Cancelled;
                step.Error = error;
                Settle();
                break;
        }
    }

    private void Advance(int index)
    {
        var (first, end) = GroupOf(index);
        if (Enumerable.Range(first, end - first).Any(i => _steps[i].Status != RunStepStatuses.Completed))
        {
            return;
        }

        if (end < _steps.Count)
        {
            StartGroup(end);
        }
        else
        {
            CompleteRun();
        }
    }

    private void StartGroup(int first)
    {
        var (_, end) = GroupOf(first);
        for (var i = first; i < end; i++)
        {
            Launch(i);
        }
    }

    private (int First, int End) GroupOf(int index)
    {
        var first = index;
        while (first > 0 && _steps[first - 1].RunsWith(_steps[index]))
        {
            first--;
        }

        var end = index + 1;
        while (end < _steps.Count && _steps[end].RunsWith(_steps[index]))
        {
            end++;
        }

        return (first, end);
    }

    private void Launch(int index)
    {
        var step = _steps[index];
        step.Status = RunStepStatuses.Running;
        step.Attempts++;
        Commands.Add(NewTask(step, step.Description ?? step.Name));
    }

    private void LaunchCompensation(int index)
    {
        var step = _steps[index];
        step.Status = RunStepStatuses.Compensating;
        step.CompensationAttempts++;
        Commands.Add(NewTask(step, step.Compensation!));
    }

    /// <summary>The saga chooses the task's id, so its CreateTask and the state naming it commit together.</summary>
    private CreateTask NewTask(RunStep step, string description)
    {
        var taskId = NewId.NextGuid();
        step.TaskId = taskId;
        step.TaskIds.Add(taskId);
        step.Deadline = _now + step.Timeout;
        return RunEvents.CreateTask(_run, step, taskId, description);
    }

    private void Stop(string outcome, string error, int? failedStep)
    {
        _run.Outcome = outcome;
        _run.ErrorMessage = error;
        _run.FailedStepIndex = failedStep;
        foreach (var step in _steps.Where(s => s.Status == RunStepStatuses.Running))
        {
            Commands.Add(new CancelTask { TaskId = step.TaskId!.Value, Reason = $"run {_run.CorrelationId} {outcome}" });
            step.Status = RunStepStatuses.Cancelling;
            step.Deadline = _now + step.Timeout;
        }

        Settle();
    }

    /// <summary>
    /// Once the run stopped: while a task is awaited (a compensation, or the end of a cancelled task) nothing more
    /// starts; then the completed steps that define a compensation are undone one at a time, the last step first;
    /// then the run's last event.
    /// </summary>
    private void Settle()
    {
        if (_ended || _steps.Any(s => s.Deadline is not null))
        {
            return;
        }

        var next = _steps.FindLastIndex(s => s.Status == RunStepStatuses.Completed && s.Compensation is not null);
        if (next >= 0)
        {
            LaunchCompensation(next);
            return;
        }

        _ended = true;
        var failedCompensations = _steps.Where(s => s.Status == RunStepStatuses.CompensationFailed).Select(s => $"'{s.Name}' ({s.Error})").ToList();
        var failed = $"; compensation failed for {string.Join(", ", failedCompensations)}";
        if (failedCompensations.Count > 0 && _run.ErrorMessage?.EndsWith(failed, StringComparison.Ordinal) != true)
        {
            // Not twice when a run that ended opens again to undo a late completion.
            _run.ErrorMessage += failed;
        }

        Events.Add(_run.Outcome == WorkflowStatuses.Cancelled ? RunEvents.Cancelled(_run, NextVersion()) : RunEvents.Failed(_run, NextVersion()));
    }

    private void CompleteStep(int index, JsonElement? result)
    {
        var step = _steps[index];
        step.Status = RunStepStatuses.Completed;
        step.Result = result;
        step.Deadline = null;
        Events.Add(RunEvents.StepCompleted(_run, index, step, NextVersion()));
    }

    private void CompleteRun()
    {
        _run.Outcome = WorkflowStatuses.Completed;
        Events.Add(RunEvents.Completed(_run, NextVersion()));
    }

    private int? Find(Guid taskId)
    {
        var index = _steps.FindIndex(s => s.Awaits(taskId));
        return index >= 0 ? index : null;
    }

    private long NextVersion() => ++_run.EventVersion;
}

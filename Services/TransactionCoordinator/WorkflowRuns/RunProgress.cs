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
/// A task's event counts only while the step awaits that very task: a duplicate, a retried attempt's predecessor or
/// a task the run cancelled changes nothing (a cancelled task that completed anyway is the exception, below).
/// </summary>
internal sealed class RunProgress
{
    private readonly WorkflowRunState _run;
    private readonly DateTime _now;
    private readonly List<RunStep> _steps;

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
            Complete();
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
            case RunStepStatuses.Cancelled:
                // A task the run cancelled may have finished first: its work is done, so it is compensated too.
                var wasRunning = step.Status == RunStepStatuses.Running;
                step.Status = RunStepStatuses.Completed;
                step.Result = result;
                step.Deadline = null;
                Events.Add(RunEvents.StepCompleted(_run, index, step, NextVersion()));
                if (wasRunning && _run.Outcome is null)
                {
                    Advance(index);
                }

                break;
            case RunStepStatuses.Compensating:
                step.Status = RunStepStatuses.Compensated;
                step.Deadline = null;
                CompensateNext();
                break;
        }
    }

    public void TaskFailed(Guid taskId, string error)
    {
        if (Find(taskId) is { } index)
        {
            Fail(index, error);
        }
    }

    /// <summary>Every awaited task whose deadline is at or before <paramref name="due"/> is cancelled and counts as failed.</summary>
    public void DeadlineReached(DateTime due)
    {
        var late = Enumerable.Range(0, _steps.Count).Where(i => _steps[i].Deadline <= due).ToList();
        foreach (var index in late)
        {
            var step = _steps[index];
            if (step.Deadline is null || step.TaskId is not { } taskId)
            {
                continue;
            }

            Commands.Add(new CancelTask { TaskId = taskId, Reason = $"step '{step.Name}' of run {_run.CorrelationId} timed out" });
            Fail(index, $"timed out after {step.Timeout.TotalSeconds:0.###} s");
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
        if (step.Status == RunStepStatuses.Running)
        {
            if (step.Attempts <= step.RetryCount)
            {
                Launch(index);
                return;
            }

            step.Status = RunStepStatuses.Failed;
            step.Error = error;
            Stop(WorkflowStatuses.Failed, $"step '{step.Name}' failed after {step.Attempts} attempt(s): {error}", index);
        }
        else if (step.Status == RunStepStatuses.Compensating)
        {
            if (step.CompensationAttempts <= step.RetryCount)
            {
                LaunchCompensation(index);
                return;
            }

            // A compensation that cannot be done is recorded and the others still run: stopping would leave them undone too.
            step.Status = RunStepStatuses.CompensationFailed;
            step.Error = error;
            CompensateNext();
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
            Complete();
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
            step.Status = RunStepStatuses.Cancelled;
            step.Deadline = null;
        }

        CompensateNext();
    }

    /// <summary>The completed steps that define a compensation are undone one at a time, the last step first.</summary>
    private void CompensateNext()
    {
        var next = _steps.FindLastIndex(s => s.Status == RunStepStatuses.Completed && s.Compensation is not null);
        if (next >= 0)
        {
            LaunchCompensation(next);
            return;
        }

        var failedCompensations = _steps.Where(s => s.Status == RunStepStatuses.CompensationFailed).Select(s => $"'{s.Name}' ({s.Error})").ToList();
        var error = failedCompensations.Count == 0 ? _run.ErrorMessage : $"{_run.ErrorMessage}; compensation failed for {string.Join(", ", failedCompensations)}";
        _run.ErrorMessage = error;
        Events.Add(_run.Outcome == WorkflowStatuses.Cancelled ? RunEvents.Cancelled(_run, NextVersion()) : RunEvents.Failed(_run, NextVersion()));
    }

    private void Complete()
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

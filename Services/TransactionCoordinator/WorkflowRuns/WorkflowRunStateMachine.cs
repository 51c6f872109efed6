using AgentLightning.Contracts.System;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence.Entities;
using MassTransit;

namespace AgentLightning.TransactionCoordinator.WorkflowRuns;

/// <summary>
/// A run of a workflow (docs/sagas.md, "WorkflowRun"): Running while its steps' tasks run, group by group;
/// Compensating once a step failed for good or the run was cancelled, while the completed steps are undone one
/// at a time, the last first; then Final with its outcome (completed, failed, cancelled). What each event does is
/// <see cref="RunProgress"/>; this class wires events to it and sends what it decided in the message's transaction.
/// </summary>
public sealed class WorkflowRunStateMachine : MassTransitStateMachine<WorkflowRunState>
{
    public WorkflowRunStateMachine(TimeProvider clock)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Start, e => e.CorrelateById(m => m.Message.RunId));
        // A cancel for a run that does not exist is a mistake worth seeing: it faults (retries, then _error and a dead letter).
        Event(() => Cancel, e => e.CorrelateById(m => m.Message.RunId));

        // Every task's events arrive here; those of no run (RunId null → Guid.Empty) find no saga and are dropped.
        Event(() => TaskCompleted, e => OfRun(e, m => m.RunId));
        Event(() => TaskFailed, e => OfRun(e, m => m.RunId));
        Event(() => TaskCancelled, e => OfRun(e, m => m.RunId));
        // The run's commands carry its id as their correlation id; an owner's refusal carries it back.
        Event(() => Rejected, e => OfRun(e, m => m.CorrelationId));
        Schedule(() => Deadline, x => x.DeadlineTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.RunId));

        Initially(Move(When(Start), (p, c) => p.Start(c.Message), clock));

        During(Running, Compensating,
            Move(When(TaskCompleted), (p, c) => p.TaskCompleted(c.Message.TaskId, c.Message.Result), clock),
            Move(When(TaskFailed), (p, c) => p.TaskFailed(c.Message.TaskId, c.Message.ErrorMessage), clock),
            Move(When(TaskCancelled), (p, c) => p.TaskFailed(c.Message.TaskId, $"its task was cancelled ({c.Message.Reason ?? "no reason"})"), clock),
            Move(When(Deadline.Received), (p, c) => p.DeadlineReached(c.Message.Due), clock),
            Move(When(Rejected), (p, c) => p.CommandRejected(c.Message.MessageId, $"{c.Message.CommandType} refused by {c.Message.RejectedBy}: {c.Message.Detail}"), clock),
            Ignore(Start));

        During(Running, Move(When(Cancel), (p, c) => p.Cancel(c.Message.Reason), clock));

        // Already stopping, or finished (its row is kept for inspection): late and repeated messages change nothing,
        // except the completion of a task the run cancelled and stopped waiting for: its work is done after all, so
        // the run opens again to undo it (when its step defines how) and ends again.
        During(Compensating, Ignore(Cancel));
        During(Final,
            Move(When(TaskCompleted, c => RunProgress.GaveUpOn(c.Saga, c.Message.TaskId)), (p, c) => p.TaskCompleted(c.Message.TaskId, c.Message.Result), clock),
            Ignore(Start), Ignore(Cancel), Ignore(TaskFailed), Ignore(TaskCancelled), Ignore(Rejected), Ignore(Deadline.Received));
    }

    public State Running { get; private set; } = null!;

    public State Compensating { get; private set; } = null!;

    public Event<StartWorkflow> Start { get; private set; } = null!;

    public Event<CancelWorkflow> Cancel { get; private set; } = null!;

    public Event<TaskCompleted> TaskCompleted { get; private set; } = null!;

    public Event<TaskFailed> TaskFailed { get; private set; } = null!;

    public Event<TaskCancelled> TaskCancelled { get; private set; } = null!;

    public Event<CommandRejected> Rejected { get; private set; } = null!;

    public Schedule<WorkflowRunState, WorkflowStepDeadline> Deadline { get; private set; } = null!;

    private static void OfRun<T>(IEventCorrelationConfigurator<WorkflowRunState, T> e, Func<T, Guid?> runId)
        where T : class
    {
        e.CorrelateById(m => runId(m.Message) ?? Guid.Empty);
        e.OnMissingInstance(m => m.Discard());
    }

    /// <summary>
    /// Applies the event, sends the tasks' commands and publishes the run's events (through the consumer outbox: they
    /// leave only if the state commits), moves the timeout to the earliest deadline and enters the phase it reached.
    /// </summary>
    private EventActivityBinder<WorkflowRunState, T> Move<T>(
        EventActivityBinder<WorkflowRunState, T> binder, Action<RunProgress, BehaviorContext<WorkflowRunState, T>> apply, TimeProvider clock)
        where T : class =>
        binder
            .ThenAsync(async c =>
            {
                var progress = new RunProgress(c.Saga, clock.GetUtcNow().UtcDateTime);
                apply(progress, c);
                var commands = c.GetServiceOrCreateInstance<ICommandSender>();
                foreach (var command in progress.Commands)
                {
                    progress.Sent(command, await commands.Send(command, command.GetType(), c.Saga.CorrelationId, c.CancellationToken));
                }

                progress.Save();

                foreach (var e in progress.Events)
                {
                    await c.Publish(e, e.GetType(), c.CancellationToken);
                }
            })
            .IfElse(c => c.Saga.DeadlineAt is not null,
                x => x.Schedule(Deadline, c => new WorkflowStepDeadline { RunId = c.Saga.CorrelationId, Due = c.Saga.DeadlineAt!.Value }, c => c.Saga.DeadlineAt!.Value),
                x => x.Unschedule(Deadline))
            // Decided (an outcome) with no task awaited is the end; a compensation in flight always has a deadline.
            .IfElse(c => c.Saga.Outcome is not null && c.Saga.DeadlineAt is null,
                x => x.Finalize(),
                x => x.IfElse(c => c.Saga.Outcome is null, r => r.TransitionTo(Running), r => r.TransitionTo(Compensating)));
}

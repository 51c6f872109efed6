using System.Text.Json;
using AgentLightning.Contracts.Agents;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Infrastructure.Persistence.Repositories;
using AgentLightning.Infrastructure.Validation;
using MassTransit;

namespace AgentLightning.WorkflowEngine.Application;

/// <summary>
/// Every change to a task, for the HTTP endpoints and the command consumers alike. Events (and the ExecuteTask
/// command) are staged in <c>beforeCommit</c> through the caller's publish endpoint and command sender (the
/// request's bus outbox or the consume context), so they commit with the change. The rules are
/// <see cref="TaskTransitions"/>; they are judged on the current state, and judged again on the state the
/// write loads, so a change that raced in surfaces as a <see cref="DataConflictException"/> (HTTP 409; a
/// consumer retries and finds the refusal or the same outcome).
/// </summary>
internal sealed class TaskCommands(TaskRepository tasks, AgentRepository agents, ICommandSender commands, TimeProvider clock)
{
    private const int MaxErrorLength = 10_000;

    /// <summary>A missing agent may yet be created (NotFound); an inactive one is a refusal (Conflict), both about the agent.</summary>
    public async Task<CommandResult<AgentTask>> CreateAsync(Guid id, TaskDefinition definition, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        definition.Validate();
        if (await tasks.GetAsync(id, cancellationToken) is { } existing)
        {
            return definition.Matches(existing)
                ? CommandResult<AgentTask>.Unchanged(existing)
                : CommandResult<AgentTask>.Conflict(existing, "already exists");
        }

        var agent = await agents.GetAsync(definition.AgentId, cancellationToken);
        if (agent is null)
        {
            return CommandResult<AgentTask>.NotFound(Agent.AggregateType, definition.AgentId);
        }

        if (agent.Status != AgentStatuses.Active)
        {
            return CommandResult<AgentTask>.Conflict(Agent.AggregateType, agent.Id, $"agent '{agent.Id}' is {agent.Status}, not {AgentStatuses.Active}");
        }

        var created = await tasks.CreateAsync(definition.ToTask(id), async (task, ct) =>
        {
            await events.Publish(TaskEvents.Created(task, clock.GetUtcNow()), ct);
            await commands.Send(TaskEvents.Execute(task, agent.Model), ct);
        }, cancellationToken);
        return CommandResult<AgentTask>.Applied(created);
    }

    public Task<CommandResult<AgentTask>> StartAsync(Guid id, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken) =>
        MoveAsync(id, expectedVersion, TaskTransitions.Start, task =>
        {
            task.Status = TaskStatuses.Started;
            task.StartedAt = clock.GetUtcNow();
        }, (task, ct) => events.Publish(TaskEvents.Started(task, clock.GetUtcNow()), ct), cancellationToken);

    /// <summary>A report on a pending task starts it too (its StartTask is behind it): TaskStarted, then TaskProgressed.</summary>
    public Task<CommandResult<AgentTask>> ReportProgressAsync(
        Guid id, int percent, string? note, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        Fields.Range(percent, 0, 100, "percent");
        Fields.Optional(note, "note", MaxErrorLength);
        var started = false;
        return MoveAsync(id, null, task => TaskTransitions.Progress(task, percent), task =>
        {
            started = StartIfPending(task);
            task.Progress = Math.Max(task.Progress, percent);
        }, async (task, ct) =>
        {
            if (started)
            {
                await events.Publish(TaskEvents.Started(task, clock.GetUtcNow()), ct);
            }

            await events.Publish(TaskEvents.Progressed(task, note, clock.GetUtcNow()), ct);
        }, cancellationToken);
    }

    public Task<CommandResult<AgentTask>> CompleteAsync(
        Guid id, JsonElement? result, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        var json = Fields.JsonValue(result, "result");
        return MoveAsync(id, expectedVersion, task => TaskTransitions.Complete(task, json), task =>
        {
            StartIfPending(task);
            task.Status = TaskStatuses.Completed;
            task.Result = json;
            task.Progress = 100;
            task.CompletedAt = clock.GetUtcNow();
        }, (task, ct) => events.Publish(TaskEvents.Completed(task, clock.GetUtcNow()), ct), cancellationToken);
    }

    public Task<CommandResult<AgentTask>> FailAsync(
        Guid id, string? errorMessage, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        Fields.Required(errorMessage, "errorMessage", MaxErrorLength);
        return MoveAsync(id, expectedVersion, task => TaskTransitions.Fail(task, errorMessage!), task =>
        {
            StartIfPending(task);
            task.Status = TaskStatuses.Failed;
            task.ErrorMessage = errorMessage;
            task.CompletedAt = clock.GetUtcNow();
        }, (task, ct) => events.Publish(TaskEvents.Failed(task, clock.GetUtcNow()), ct), cancellationToken);
    }

    /// <summary>A cancelled task keeps its StartedAt; CompletedAt is when it was cancelled.</summary>
    public Task<CommandResult<AgentTask>> CancelAsync(
        Guid id, string? reason, long? expectedVersion, IPublishEndpoint events, CancellationToken cancellationToken)
    {
        Fields.Optional(reason, "reason", MaxErrorLength);
        return MoveAsync(id, expectedVersion, TaskTransitions.Cancel, task =>
        {
            task.Status = TaskStatuses.Cancelled;
            task.CompletedAt = clock.GetUtcNow();
        }, (task, ct) => events.Publish(TaskEvents.Cancelled(task, reason, clock.GetUtcNow()), ct), cancellationToken);
    }

    private bool StartIfPending(AgentTask task)
    {
        if (task.StartedAt is not null)
        {
            return false;
        }

        task.StartedAt = clock.GetUtcNow();
        task.Status = TaskStatuses.Started;
        return true;
    }

    private async Task<CommandResult<AgentTask>> MoveAsync(
        Guid id, long? expectedVersion, Func<AgentTask, (Verdict, string?)> judge, Action<AgentTask> change,
        Func<AgentTask, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        var current = await tasks.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return CommandResult<AgentTask>.NotFound(AgentTask.AggregateType, id.ToString());
        }

        switch (judge(current))
        {
            case (Verdict.Done, _):
                return CommandResult<AgentTask>.Unchanged(current);
            case (Verdict.Refuse, var reason):
                return CommandResult<AgentTask>.Conflict(current, reason!);
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return CommandResult<AgentTask>.Conflict(current, $"expected version {expected}, found {current.Version}");
        }

        var updated = await tasks.UpdateAsync(id, task =>
        {
            // The cached state judged above may be older than the row this write loaded.
            if (judge(task).Item1 != Verdict.Apply)
            {
                throw new DataConflictException(AgentTask.AggregateType, id.ToString(), $"the task changed meanwhile (now {task.Status})");
            }

            change(task);
        }, expectedVersion, publish, cancellationToken);
        return CommandResult<AgentTask>.Applied(updated);
    }
}

using AgentLightning.Contracts.System;
using AgentLightning.Contracts.Tasks;
using AgentLightning.Contracts.Workflows;
using AgentLightning.Infrastructure.Messaging;
using AgentLightning.Infrastructure.Messaging.Commands;
using AgentLightning.Infrastructure.Persistence.Entities;
using AgentLightning.Testing;
using AgentLightning.TransactionCoordinator.WorkflowRuns;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLightning.TransactionCoordinator.Tests.WorkflowRuns;

/// <summary>
/// The WorkflowRun machine on MassTransit's test harness (in-memory transport, repository and delayed scheduler): the
/// test plays Workflow Engine, reading the CreateTask and CancelTask commands the saga sends and answering with task events.
/// </summary>
public abstract class RunHarness
{
    /// <summary>For the harness's lists: what was recorded so far, without waiting for more (a cancelled token).</summary>
    internal static readonly CancellationToken SoFar = new(canceled: true);

    private ServiceProvider _provider = null!;

    protected ITestHarness Harness { get; private set; } = null!;

    [SetUp]
    public async Task StartHarness()
    {
        var services = new ServiceCollection();
        services.AddOptions<MessagingOptions>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ICommandSender, HarnessCommandSender>();
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddDelayedMessageScheduler();
            // Without .PostgresRepository(): the harness's in-memory repository (docs/sagas.md, "Tests of machines").
            bus.AddSagaStateMachine<WorkflowRunStateMachine, WorkflowRunState>(typeof(WorkflowRunStateDefinition));
            bus.UsingInMemory((context, memory) =>
            {
                memory.UseDelayedMessageScheduler();
                memory.ConfigureEndpoints(context);
            });
        });
        _provider = services.BuildServiceProvider(true);
        Harness = _provider.GetRequiredService<ITestHarness>();
        await Harness.Start();
    }

    [TearDown]
    public async Task StopHarness()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }

    protected static WorkflowStep Step(string name, string? compensation = null, int retries = 0, string? group = null, TimeSpan? timeout = null) => new()
    {
        Name = name,
        AgentId = "agent-" + name,
        Description = "do " + name,
        Compensation = compensation,
        RetryCount = retries,
        ParallelGroup = group,
        Timeout = timeout ?? TimeSpan.FromMinutes(5),
    };

    protected async Task<Guid> StartAsync(params WorkflowStep[] steps)
    {
        var runId = NewId.NextGuid();
        await Harness.Bus.Publish(new StartWorkflow { RunId = runId, WorkflowId = Guid.NewGuid(), Name = "wf", Steps = steps });
        return runId;
    }

    /// <summary>The CreateTask sent for <paramref name="description"/> ("do a", "undo a"), its <paramref name="attempt"/>-th (1-based).</summary>
    protected async Task<CreateTask> TaskForAsync(Guid runId, string description, int attempt = 1)
    {
        CreateTask? found = null;
        await Eventually.Until(() => (found = TasksOf(runId, description).ElementAtOrDefault(attempt - 1)) is not null,
            $"CreateTask '{description}' #{attempt} of run {runId}", TimeSpan.FromSeconds(10));
        return found!;
    }

    /// <summary>Every CreateTask of the run for <paramref name="description"/>, in the order sent.</summary>
    protected List<CreateTask> TasksOf(Guid runId, string description) =>
        [.. Harness.Sent.Select<CreateTask>(RunHarness.SoFar).Select(m => m.Context.Message).Where(t => t.RunId == runId && t.Description == description)];

    /// <summary>The run's task descriptions in the order their CreateTask was sent.</summary>
    protected List<string> TaskOrder(Guid runId) =>
        [.. Harness.Sent.Select<CreateTask>(RunHarness.SoFar).Select(m => m.Context.Message).Where(t => t.RunId == runId).Select(t => t.Description)];

    protected Task CompleteAsync(CreateTask task, string result = "{}") =>
        Harness.Bus.Publish(new TaskCompleted
        {
            TaskId = task.TaskId, AgentId = task.AgentId, RunId = task.RunId, Result = System.Text.Json.JsonDocument.Parse(result).RootElement,
            Version = 3, OccurredAt = DateTimeOffset.UtcNow,
        });

    protected Task FailAsync(CreateTask task, string error = "boom") =>
        Harness.Bus.Publish(new TaskFailed
        {
            TaskId = task.TaskId, AgentId = task.AgentId, RunId = task.RunId, ErrorMessage = error, Version = 3, OccurredAt = DateTimeOffset.UtcNow,
        });

    /// <summary>Workflow Engine's answer to a CancelTask that reached the task in time.</summary>
    protected Task CancelledAsync(CreateTask task) =>
        Harness.Bus.Publish(new TaskCancelled
        {
            TaskId = task.TaskId, AgentId = task.AgentId, RunId = task.RunId, Reason = "cancelled by its run", Version = 3, OccurredAt = DateTimeOffset.UtcNow,
        });

    /// <summary>Workflow Engine refuses the task's CreateTask: CommandRejected carries its message id and the run's correlation id back.</summary>
    protected Task RefuseAsync(CreateTask task, string detail)
    {
        var sent = Harness.Sent.Select<CreateTask>(RunHarness.SoFar).Single(m => m.Context.Message.TaskId == task.TaskId).Context;
        return Harness.Bus.Publish(new CommandRejected
        {
            CommandType = nameof(CreateTask), MessageId = sent.MessageId!.Value, CorrelationId = sent.CorrelationId, TargetType = "agent",
            TargetId = task.AgentId, Reason = CommandRejections.NotFound, Detail = detail, RejectedBy = "workflow-engine", OccurredAt = DateTimeOffset.UtcNow,
        });
    }

    protected Task CancelAsync(Guid runId, string reason) =>
        Harness.Bus.Publish(new CancelWorkflow { RunId = runId, WorkflowId = Guid.Empty, Reason = reason });

    /// <summary>Waits for the run to reach <paramref name="state"/> ("Running", "Compensating", "Final") and returns it.</summary>
    protected async Task<WorkflowRunState> StateAsync(Guid runId, string state)
    {
        var sagas = Harness.GetSagaStateMachineHarness<WorkflowRunStateMachine, WorkflowRunState>();
        WorkflowRunState? found = null;
        await Eventually.Until(() => (found = sagas.Sagas.Contains(runId)) is { } s && s.CurrentState == state,
            $"run {runId} in {state} (is {found?.CurrentState})", TimeSpan.FromSeconds(10));
        return found!;
    }

    /// <summary>The run's published events of type <typeparamref name="T"/>, in the order published.</summary>
    protected List<T> Published<T>(Func<T, Guid> runIdOf, Guid runId)
        where T : class =>
        [.. Harness.Published.Select<T>(RunHarness.SoFar).Select(m => m.Context.Message).Where(e => runIdOf(e) == runId)];

    protected List<CancelTask> Cancels() => [.. Harness.Sent.Select<CancelTask>(RunHarness.SoFar).Select(m => m.Context.Message)];

    /// <summary>Every message sent or published so far has been consumed (or dropped): the saga is quiet.</summary>
    protected Task QuietAsync() => Harness.InactivityTask;
}

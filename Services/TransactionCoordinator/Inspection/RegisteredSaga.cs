using AgentLightning.Infrastructure.Messaging.Sagas;
using AgentLightning.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace AgentLightning.TransactionCoordinator.Inspection;

/// <summary>
/// A saga type stored by the PostgreSQL repository, as the inspection sees it: its name (as in saga_transitions),
/// its table, its machine's shape, the command that cancels it, the schedules whose tokens it holds and where its
/// machine writes how it ended.
/// </summary>
internal sealed class RegisteredSaga
{
    private readonly Func<AgentLightningDbContext, Guid, CancellationToken, Task<SagaState?>> _load;
    private readonly Func<SagaState, IReadOnlyList<Guid>> _timeoutTokens;

    private RegisteredSaga(
        string table, MachineShape shape, ISagaCancellation? cancellation, OutcomeColumn? outcome,
        Func<AgentLightningDbContext, Guid, CancellationToken, Task<SagaState?>> load, Func<SagaState, IReadOnlyList<Guid>> timeoutTokens, Type type)
    {
        Name = type.Name;
        Table = table;
        Shape = shape;
        Cancellation = cancellation;
        Outcome = outcome;
        _load = load;
        _timeoutTokens = timeoutTokens;
    }

    public string Name { get; }

    /// <summary>Quoted and schema-qualified, ready for SQL.</summary>
    public string Table { get; }

    public MachineShape Shape { get; }

    public ISagaCancellation? Cancellation { get; }

    /// <summary>Null for a machine that declared no outcomes (<c>AddSagaOutcomes</c>).</summary>
    public OutcomeColumn? Outcome { get; }

    /// <summary>The outcomes its machine declared: the allowed values of the list's outcome filter.</summary>
    public IReadOnlyList<string> Outcomes => Outcome?.Values ?? [];

    /// <summary>The states a saga can wait in: every state but Final (a finished saga is never stuck).</summary>
    public IEnumerable<string> UnfinishedStates => Shape.States.Where(s => s != SagaState.FinalState);

    /// <summary>A plain, untracked read by primary key: no lock, so it answers while an event holds the row.</summary>
    public Task<SagaState?> LoadAsync(AgentLightningDbContext db, Guid id, CancellationToken cancellationToken) => _load(db, id, cancellationToken);

    /// <summary>How the saga ended; null while it runs (a WorkflowRun has its outcome from the moment it compensates) or when its machine declares none.</summary>
    public string? OutcomeOf(SagaState saga) => saga.FinishedAt is null ? null : Outcome?.Of(saga);

    /// <summary>The tokens of the saga's pending schedules (its timeouts), read from the properties its machine's schedules use.</summary>
    public IReadOnlyList<Guid> TimeoutTokens(SagaState saga) => _timeoutTokens(saga);

    /// <summary>Null when <typeparamref name="TSaga"/> is mapped but not on this repository, or has no machine here.</summary>
    public static RegisteredSaga? Describe<TSaga>(IServiceProvider services, DbContext db)
        where TSaga : SagaState
    {
        if (services.GetService<SagaTable<TSaga>>() is not { } table || services.GetService<SagaStateMachine<TSaga>>() is not { } machine)
        {
            return null;
        }

        // Schedule(() => Timeout, x => x.TokenId, ...) declares a property of the machine; its value reads the token.
        var schedules = machine.GetType().GetProperties()
            .Where(p => typeof(Schedule<TSaga>).IsAssignableFrom(p.PropertyType))
            .Select(p => (Schedule<TSaga>?)p.GetValue(machine))
            .OfType<Schedule<TSaga>>()
            .ToList();
        var cancellation = services.GetServices<ISagaCancellation>().FirstOrDefault(c => c.SagaType == typeof(TSaga));
        var outcomes = services.GetServices<ISagaOutcomes>().FirstOrDefault(o => o.SagaType == typeof(TSaga));
        var outcome = outcomes is null ? null : new OutcomeColumn(table.Column(db, outcomes.Property), outcomes.Values, outcomes.Of);
        return new RegisteredSaga(
            table.Name(db), MachineShape.Of(machine), cancellation, outcome,
            async (context, id, cancellationToken) =>
                await context.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == id, cancellationToken),
            saga => [.. schedules.Select(s => s.GetTokenId((TSaga)saga)).OfType<Guid>()],
            typeof(TSaga));
    }
}

/// <summary>The column a machine writes a saga's outcome to (its name as in the catalog, and quoted for SQL), and the values it writes.</summary>
internal sealed record OutcomeColumn((string Name, string Sql) Column, IReadOnlyList<string> Values, Func<SagaState, string?> Of);

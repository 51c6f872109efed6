using MassTransit;

namespace AgentLightning.Infrastructure.Messaging.Sagas;

/// <summary>
/// The columns every persisted saga has, whatever its machine: its id, the state its machine is in, when it began,
/// last moved and finished. A machine's own data are the subclass's properties (columns, see <see cref="SagaStateMap{TSaga}"/>).
/// </summary>
public abstract class SagaState : SagaStateMachineInstance
{
    /// <summary>MassTransit's name of the final state.</summary>
    public const string FinalState = "Final";

    public const int MaxStateLength = 64;

    public Guid CorrelationId { get; set; }

    /// <summary>Declared to the machine with <c>InstanceState(x => x.CurrentState)</c>.</summary>
    public string? CurrentState { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When an event last changed the saga (a stuck saga is one not changed since; an event it ignores does not count).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>When it reached Final; the row is kept for inspection until the retention has passed.</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>PostgreSQL's xmin: an update that finds another commit's row version loses and is retried.</summary>
    public uint Version { get; set; }
}

namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// A task AI Model accepted and has not finished: waiting for a slot of its model, or running under a lease an
/// instance renews. Rows are claimed and finished with SQL (AI Model's ExecutionQueue); the row goes when the
/// task's outcome is sent, in the same transaction.
/// </summary>
public sealed class ModelExecution
{
    public const string Waiting = "waiting";
    public const string Running = "running";

    /// <summary>A cancel that came before its task: never claimed, it keeps a late ExecuteTask out (AI Model's ExecutionQueue).</summary>
    public const string Cancelled = "cancelled";

    public Guid TaskId { get; set; }

    public required string Model { get; set; }

    public required string AgentId { get; set; }

    public required string Description { get; set; }

    /// <summary>Free-form JSON object (jsonb), as the task was given.</summary>
    public string? Context { get; set; }

    /// <summary>Higher runs first; arrival (<see cref="Sequence"/>) breaks ties.</summary>
    public int Priority { get; set; }

    public long Sequence { get; set; }

    public string Status { get; set; } = Waiting;

    /// <summary>The instance running it, until <see cref="LeaseUntil"/>; an expired lease makes the row claimable again.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }
}

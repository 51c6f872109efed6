namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>
/// What Workflow Engine knows of one run of a workflow: created when the run is asked for, then kept from the
/// events of the saga that runs it (the Transaction Coordinator's). Not an aggregate of this service's: it is a
/// projection: it applies the saga's events in the order the saga numbered them (<see cref="Version"/>) and has no
/// event log of its own.
/// </summary>
public sealed class WorkflowRun
{
    public Guid Id { get; set; }

    public Guid WorkflowId { get; set; }

    /// <summary>The definition's version the run was started from.</summary>
    public long WorkflowVersion { get; set; }

    public string Status { get; set; } = "pending";

    /// <summary>JSON array of the steps with their status (jsonb).</summary>
    public string Steps { get; set; } = "[]";

    public string? ErrorMessage { get; set; }

    /// <summary>The version of the last of the saga's events about the run applied (they are numbered 1, 2, 3…); 0 before any.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's row version: two events of one run applied at once cannot both win.</summary>
    public uint RowVersion { get; set; }
}

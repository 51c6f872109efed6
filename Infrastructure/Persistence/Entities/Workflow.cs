namespace AgentLightning.Infrastructure.Persistence.Entities;

public sealed class Workflow : IAggregate
{
    public static string AggregateType => "workflow";

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>JSON array of steps (jsonb).</summary>
    public string Steps { get; set; } = "[]";

    public string Status { get; set; } = "draft";

    public string? CreatedBy { get; set; }

    public string? AssignedTo { get; set; }

    /// <summary>Free-form JSON object (jsonb).</summary>
    public string Context { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }

    public string Key => Id.ToString();
}

namespace AgentLightning.Infrastructure.Persistence.Entities;

public sealed class KnowledgeItem : IAggregate
{
    public static string AggregateType => "knowledge";

    public Guid Id { get; set; }

    public required string AgentId { get; set; }

    public required string Category { get; set; }

    public required string Content { get; set; }

    public string? Source { get; set; }

    /// <summary>Free-form JSON object (jsonb).</summary>
    public string Metadata { get; set; } = "{}";

    public int UsageCount { get; set; }

    public double RelevanceScore { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public long Version { get; set; }

    public string Key => Id.ToString();
}

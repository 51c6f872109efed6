namespace AgentLightning.Infrastructure.Persistence.Entities;

public sealed class Agent : IAggregate
{
    public const int MaxIdLength = 50;

    public static string AggregateType => "agent";

    public required string Id { get; set; }

    public required string Name { get; set; }

    public required string Model { get; set; }

    public string? Specialization { get; set; }

    public string Status { get; set; } = "active";

    /// <summary>Free-form JSON object (jsonb).</summary>
    public string Config { get; set; } = "{}";

    public List<string> Capabilities { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }

    public string Key => Id;
}

namespace AgentLightning.Infrastructure.Persistence.Entities;

/// <summary>A model agents can be configured with, and how AI Model runs its tasks (named so it does not collide with EF's model).</summary>
public sealed class RegisteredModel : IAggregate
{
    public const int MaxNameLength = 50;

    public static string AggregateType => "model";

    /// <summary>The key: a slug, as agents name it in their <see cref="Agent.Model"/>.</summary>
    public required string Name { get; set; }

    /// <summary>One of Contracts' <c>ModelProviders</c>.</summary>
    public required string Provider { get; set; }

    /// <summary>The model's name at its provider (e.g. gpt-4o-mini).</summary>
    public required string ProviderModel { get; set; }

    public int ContextWindow { get; set; }

    /// <summary>How many of its tasks run at once across every instance of AI Model.</summary>
    public int MaxConcurrentTasks { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }

    public string Key => Name;
}

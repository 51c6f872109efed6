using AgentLightning.Contracts.Agents;

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>
/// What a list of agents is narrowed to: exact <see cref="Status"/>, <see cref="Model"/> and
/// <see cref="Specialization"/>, and <see cref="Query"/> as case-insensitive text anywhere in the name.
/// Absent (null or empty) filters match every agent.
/// </summary>
public sealed record AgentListFilter(string? Status = null, string? Model = null, string? Specialization = null, string? Query = null)
{
    public const int MaxLength = 200;

    public static AgentListFilter All { get; } = new();

    /// <summary><see cref="ArgumentException"/> (400) for what PostgreSQL would refuse or can never match.</summary>
    internal void Validate()
    {
        if (!string.IsNullOrEmpty(Status) && !AgentStatuses.All.Contains(Status, StringComparer.Ordinal))
        {
            throw new ArgumentException($"status must be one of {string.Join(", ", AgentStatuses.All)}; got '{Status}'.", "status");
        }

        Text(Model, "model");
        Text(Specialization, "specialization");
        Text(Query, "q");
    }

    /// <summary>The name pattern for ILIKE, its wildcards escaped, or null without a query.</summary>
    internal string? NamePattern => string.IsNullOrEmpty(Query)
        ? null
        : "%" + Query.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    /// <summary>PostgreSQL text cannot hold NUL: refused here, it would be a 500 there.</summary>
    internal static void Text(string? value, string field, int maxLength = MaxLength)
    {
        if (value is not null && (value.Length > maxLength || value.Contains('\0', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{field} must be at most {maxLength} characters of text.", field);
        }
    }
}

namespace AgentLightning.Infrastructure.Persistence.Repositories;

/// <summary>
/// What a list of agents is narrowed to: exact <see cref="Status"/>, <see cref="Model"/> and
/// <see cref="Specialization"/>, and <see cref="Query"/> as case-insensitive text anywhere in the name.
/// Absent (null or empty) filters match every agent.
/// </summary>
public sealed record AgentListFilter(string? Status = null, string? Model = null, string? Specialization = null, string? Query = null)
{
    public const int MaxQueryLength = 200;

    public static AgentListFilter All { get; } = new();

    /// <summary>The name pattern for ILIKE, its wildcards escaped, or null without a query.</summary>
    internal string? NamePattern
    {
        get
        {
            if (string.IsNullOrEmpty(Query))
            {
                return null;
            }

            if (Query.Length > MaxQueryLength)
            {
                throw new ArgumentException($"q must be at most {MaxQueryLength} characters.", "q");
            }

            return "%" + Query.Replace(@"\", @"\\", StringComparison.Ordinal)
                .Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal) + "%";
        }
    }
}

namespace AgentLightning.Contracts.Agents;

/// <summary>
/// Agent ids are slugs chosen by the caller (lowercase letters, digits and single hyphens), so they read well
/// in URLs, cache keys and logs and a retried create finds the agent it already made.
/// </summary>
public static class AgentSlug
{
    public const int MaxLength = 50;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value[0] == '-' || value[^1] == '-')
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var allowed = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && value[i - 1] != '-');
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }
}

namespace AgentLightning.Contracts.Agents;

/// <summary>Agent status values as stored in the agents table and carried in messages.</summary>
public static class AgentStatuses
{
    public const string Active = "active";

    public const string Inactive = "inactive";

    public const string Busy = "busy";

    public const string Error = "error";

    public static IReadOnlyList<string> All { get; } = [Active, Inactive, Busy, Error];
}

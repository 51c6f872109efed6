namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>Authorization policy names; each higher role includes the ones below it.</summary>
public static class Policies
{
    /// <summary>Read access: viewer, operator or admin.</summary>
    public const string Viewer = "viewer";

    /// <summary>Changes and repairs (retrying dead letters, say): operator or admin.</summary>
    public const string Operator = "operator";

    /// <summary>Administration: admin only.</summary>
    public const string Admin = "admin";
}

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>The roles a token's "role" claim may carry.</summary>
public static class PlatformRoles
{
    public const string Admin = "admin";

    public const string Operator = "operator";

    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Viewer];
}

namespace AgentLightning.Contracts.Identity;

/// <summary>Role values of a user (the same values a token's "role" claim carries).</summary>
public static class UserRoles
{
    public const string Admin = "admin";

    public const string Operator = "operator";

    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Viewer];
}

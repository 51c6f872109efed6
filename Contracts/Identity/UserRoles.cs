namespace AgentLightning.Contracts.Identity;

/// <summary>Role values of a user.</summary>
public static class UserRoles
{
    public const string Admin = "admin";

    public const string Operator = "operator";

    public const string User = "user";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, User];
}

using System.Text.RegularExpressions;
using AgentLightning.Contracts.Identity;
using AgentLightning.Infrastructure.Persistence.Entities;

namespace AgentLightning.Auth.Application;

/// <summary>Checks of user input; each failure is an <see cref="ArgumentException"/>, so the answer is 400 naming the field.</summary>
internal static partial class UserFields
{
    /// <summary>User names are kept in lower case, so "Admin" and "admin" are one user.</summary>
    public static string UserName(string? value, string field = "username")
    {
        var name = value?.Trim().ToLowerInvariant() ?? "";
        return NamePattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"{field} must be 3 to {User.MaxUserNameLength} characters: a-z, 0-9, '.', '_' or '-', starting with a letter or digit.", field);
    }

    public static string Email(string? value)
    {
        var email = value?.Trim().ToLowerInvariant() ?? "";
        return email.Length <= User.MaxEmailLength && EmailPattern().IsMatch(email)
            ? email
            : throw new ArgumentException("email must be an address like name@example.com.", "email");
    }

    public static string Role(string? value, string field = "role") =>
        value is not null && UserRoles.All.Contains(value)
            ? value
            : throw new ArgumentException($"{field} must be one of {string.Join(", ", UserRoles.All)}.", field);

    public static string Required(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength
            ? throw new ArgumentException($"{field} is required (at most {maxLength} characters).", field)
            : value;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

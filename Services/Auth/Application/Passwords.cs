using System.Security.Cryptography;
using AgentLightning.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Identity;

namespace AgentLightning.Auth.Application;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher; an unknown user costs one verification too, so timing does not tell who exists.</summary>
internal sealed class Passwords
{
    public const int MinLength = 12;

    public const int MaxLength = 1024;

    private static readonly User Nobody = new() { UserName = "", Email = "", PasswordHash = "", Role = "" };

    private readonly PasswordHasher<User> _hasher = new();
    private readonly Lazy<string> _decoy;

    public Passwords() => _decoy = new(() => _hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public PasswordVerificationResult Verify(User? user, string password) => user is null
        ? Decoy(password)
        : _hasher.VerifyHashedPassword(user, user.PasswordHash, password);

    public static void Validate(string? password, string field)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength || password.Length > MaxLength)
        {
            throw new ArgumentException($"{field} must have {MinLength} to {MaxLength} characters.", field);
        }
    }

    private PasswordVerificationResult Decoy(string password)
    {
        _hasher.VerifyHashedPassword(Nobody, _decoy.Value, password);
        return PasswordVerificationResult.Failed;
    }
}

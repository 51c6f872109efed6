using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace AgentLightning.Infrastructure.Hosting.Authentication;

/// <summary>
/// An API key as its holder sees it: <c>alk_{id}_{secret}</c>. The id finds the row; only SHA-256 of the secret
/// is stored. The secret has 256 random bits, so a fast hash is enough (nothing to brute-force), and the stored
/// hash is compared in constant time.
/// </summary>
public static class ApiKeySecret
{
    private const string Prefix = "alk_";
    private const int SecretBytes = 32;

    public static (string Key, byte[] Hash) Create(Guid id)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return ($"{Prefix}{id:N}_{secret}", Hash(secret));
    }

    public static bool TryParse(string? key, out Guid id, [NotNullWhen(true)] out byte[]? hash)
    {
        id = Guid.Empty;
        hash = null;
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length < Prefix.Length + 34 || key[Prefix.Length + 32] != '_'
            || !Guid.TryParseExact(key.AsSpan(Prefix.Length, 32), "N", out id))
        {
            return false;
        }

        hash = Hash(key[(Prefix.Length + 33)..]);
        return true;
    }

    public static bool Matches(byte[] presented, byte[] stored) => CryptographicOperations.FixedTimeEquals(presented, stored);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}

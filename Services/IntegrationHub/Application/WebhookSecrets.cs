using System.Security.Cryptography;

namespace AgentLightning.IntegrationHub.Application;

/// <summary>Signing secrets in the Standard Webhooks form: <c>whsec_</c> and the base64 of the key's bytes.</summary>
internal static class WebhookSecrets
{
    public const string Prefix = "whsec_";
    private const int GeneratedBytes = 32;
    private const int MinBytes = 24;
    private const int MaxBytes = 64;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedBytes));

    /// <summary>A caller's own secret, checked (never echoed: the message names the rule, not the value).</summary>
    public static string Validate(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || KeyLength(secret[Prefix.Length..]) is not (>= MinBytes and <= MaxBytes))
        {
            throw new ArgumentException($"'secret' must be '{Prefix}' followed by the base64 of {MinBytes} to {MaxBytes} random bytes.", "secret");
        }

        return secret;
    }

    /// <summary>The HMAC key: the bytes the base64 part encodes.</summary>
    public static byte[] Key(string secret) => Convert.FromBase64String(secret[Prefix.Length..]);

    private static int KeyLength(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? written : -1;
    }
}

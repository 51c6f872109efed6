using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Auth.Keys;

/// <summary>
/// One ES256 key of Auth: published in the JWKS from <see cref="CreatedAt"/>, signing from <see cref="ActivatesAt"/>
/// until a newer key activates. The file holds the private part; it never leaves the key directory.
/// </summary>
internal sealed class SigningKey
{
    private SigningKey(SigningKeyFile file, ECDsa ecdsa)
    {
        File = file;
        SecurityKey = new ECDsaSecurityKey(ecdsa) { KeyId = file.Kid };
    }

    public SigningKeyFile File { get; }

    public string Kid => File.Kid;

    public DateTimeOffset CreatedAt => File.CreatedAt;

    public DateTimeOffset ActivatesAt => File.ActivatesAt;

    public ECDsaSecurityKey SecurityKey { get; }

    public static SigningKey Generate(DateTimeOffset createdAt, DateTimeOffset activatesAt)
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(includePrivateParameters: true);
        var kid = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        return new SigningKey(new SigningKeyFile(kid, createdAt, activatesAt, Encode(p.D!), Encode(p.Q.X!), Encode(p.Q.Y!)), ecdsa);
    }

    public static SigningKey From(SigningKeyFile file) => new(file, ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = Base64Url.DecodeFromChars(file.D),
        Q = new ECPoint { X = Base64Url.DecodeFromChars(file.X), Y = Base64Url.DecodeFromChars(file.Y) },
    }));

    /// <summary>The public half as the JWKS lists it.</summary>
    public Dictionary<string, string> PublicJwk() => new()
    {
        ["kty"] = "EC",
        ["use"] = "sig",
        ["alg"] = SecurityAlgorithms.EcdsaSha256,
        ["crv"] = "P-256",
        ["kid"] = Kid,
        ["x"] = File.X,
        ["y"] = File.Y,
    };

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}

/// <summary>How a key is kept on disk (one JSON file per key, readable by the Auth service's user only).</summary>
internal sealed record SigningKeyFile(string Kid, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, string D, string X, string Y);

using System.Security.Cryptography;
using AgentLightning.Infrastructure.Hosting.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentLightning.Testing;

/// <summary>
/// Stands in for the Auth service: a small Kestrel app on a loopback port that publishes the discovery document
/// and JWKS of an in-memory ES256 key, and signs tokens with it. Services under test get its address as
/// Auth__Authority and validate its tokens exactly as they validate Auth's.
/// </summary>
public sealed class TestTokenAuthority : IAsyncDisposable
{
    private static readonly Lazy<TestTokenAuthority> Process = new(() => StartAsync().GetAwaiter().GetResult());

    private readonly WebApplication _app;
    private Signer _signer = new();

    private TestTokenAuthority(WebApplication app) => _app = app;

    /// <summary>One authority for the whole test process, started on first use.</summary>
    public static TestTokenAuthority Shared => Process.Value;

    /// <summary>The value of Auth:Authority for services that should trust this authority.</summary>
    public string Authority => _app.Urls.First();

    public static async Task<TestTokenAuthority> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var authority = new TestTokenAuthority(app);
        app.MapGet(AuthOptions.DiscoveryPath, () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = AuthOptions.DefaultIssuer,
            ["jwks_uri"] = authority.Authority + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.EcdsaSha256 },
        }));
        app.MapGet("/jwks", () => Results.Text(authority._signer.Jwks, "application/json"));
        await app.StartAsync();
        return authority;
    }

    /// <summary>A token as Auth would issue it to <paramref name="subject"/> with these roles.</summary>
    public string Issue(string subject, params string[] roles) => _signer.Sign(subject, roles, TimeSpan.FromHours(1));

    /// <summary>A token as <see cref="Issue"/> makes it, but expiring at <paramref name="expires"/> (UTC), which may be past.</summary>
    public string IssueExpiringAt(DateTime expires, string subject, params string[] roles) => _signer.Sign(subject, roles, expires);

    /// <summary>Signs with a new key from now on and publishes only that one: tokens signed before are no longer valid.</summary>
    public void Rotate() => _signer = new Signer();

    /// <summary>A token with the published key id and claims, signed by a key this authority never published.</summary>
    public string IssueWithAnotherKey(string subject, params string[] roles) => Forge(_signer.KeyId, subject, roles);

    /// <summary>A token naming key <paramref name="keyId"/> (someone else's, say) but signed by a fresh key.</summary>
    public static string Forge(string keyId, string subject, params string[] roles) => new Signer(keyId).Sign(subject, roles, TimeSpan.FromHours(1));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Signer(string? keyId = null)
    {
        private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

        private readonly ECDsaSecurityKey _key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = keyId ?? Guid.NewGuid().ToString("N") };

        public string KeyId => _key.KeyId;

        public string Jwks
        {
            get
            {
                var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(_key);
                return $$"""{"keys":[{"kty":"EC","use":"sig","alg":"ES256","crv":"{{jwk.Crv}}","kid":"{{jwk.Kid}}","x":"{{jwk.X}}","y":"{{jwk.Y}}"}]}""";
            }
        }

        public string Sign(string subject, string[] roles, TimeSpan lifetime) => Sign(subject, roles, DateTime.UtcNow + lifetime);

        public string Sign(string subject, string[] roles, DateTime expires)
        {
            var issued = DateTime.UtcNow < expires ? DateTime.UtcNow : expires.AddMinutes(-5);
            return Handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = AuthOptions.DefaultIssuer,
                Audience = AuthOptions.DefaultAudience,
                IssuedAt = issued,
                NotBefore = issued,
                Expires = expires,
                SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
                Claims = new Dictionary<string, object>
                {
                    [PlatformClaims.Subject] = subject,
                    [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                    [PlatformClaims.Role] = roles.Distinct(StringComparer.Ordinal).ToArray(),
                },
            });
        }
    }
}

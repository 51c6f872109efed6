using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Security;

/// <summary>Every service applies the same rules to the tokens and keys Auth issues, and trusts no other signer.</summary>
[TestFixture]
public sealed class When_a_service_is_called
{
    private static IEnumerable<TestCaseData> Reads() =>
    [
        new TestCaseData(RunningPlatform.AgentDesignerService, "/agents").SetArgDisplayNames("AgentDesigner"),
        new TestCaseData(RunningPlatform.WorkflowEngineService, "/tasks").SetArgDisplayNames("WorkflowEngine"),
        new TestCaseData(RunningPlatform.AiModelService, "/models").SetArgDisplayNames("AiModel"),
        new TestCaseData(RunningPlatform.AuthService, "/users").SetArgDisplayNames("Auth"),
    ];

    [TestCaseSource(nameof(Reads))]
    public async Task Should_answer_401_without_a_token(string service, string path)
    {
        using var response = await Client(service).GetAsync(path);

        var problem = await response.ClientProblemAsync($"{service} {path} without a token");
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(401));
    }

    [Test]
    public async Task Should_answer_403_to_a_viewer_that_writes_and_accept_an_operator()
    {
        var platform = SharedPlatform.Platform;
        var model = await Catalog.CreateModelAsync(platform, await SharedPlatform.Accounts.TokenAsync("operator"));
        var body = new { id = Catalog.NewId("agent"), name = "Role check", model, config = new { } };

        using (var asViewer = await platform.AgentDesigner.Client.SendAsync(HttpMethod.Post, "/agents", await SharedPlatform.Accounts.TokenAsync("viewer"), body))
        {
            var problem = await asViewer.ClientProblemAsync("a viewer's write");
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(403));
        }

        using var asOperator = await platform.AgentDesigner.Client.SendAsync(HttpMethod.Post, "/agents", await SharedPlatform.Accounts.TokenAsync("operator"), body);
        await asOperator.JsonAsync(HttpStatusCode.Created);
    }

    [Test]
    public async Task Should_accept_an_api_key_until_it_is_revoked()
    {
        var platform = SharedPlatform.Platform;
        var admin = await SharedPlatform.Accounts.TokenAsync("admin");
        using var created = await platform.Auth.Client.SendAsync(HttpMethod.Post, "/auth/api-keys", admin,
            new { name = "platform-tests", role = "viewer", expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        var key = await created.JsonAsync(HttpStatusCode.Created);

        Assert.That(await WithKeyAsync(key.GetProperty("key").GetString()!), Is.EqualTo(HttpStatusCode.OK), "a fresh key");

        using (var revoked = await platform.Auth.Client.SendAsync(HttpMethod.Delete, $"/auth/api-keys/{key.GetProperty("id").GetString()}", admin))
        {
            Assert.That((int)revoked.StatusCode, Is.InRange(200, 299), await revoked.Content.ReadAsStringAsync());
        }

        Assert.That(await WithKeyAsync(key.GetProperty("key").GetString()!), Is.EqualTo(HttpStatusCode.Unauthorized), "a revoked key");
    }

    [TestCaseSource(nameof(Reads))]
    public async Task Should_refuse_a_token_signed_with_any_other_key(string service, string path)
    {
        using var response = await Client(service).SendAsync(HttpMethod.Get, path, await ForgedTokenAsync());

        var problem = await response.ClientProblemAsync($"{service} {path} with a forged token");
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(401));
    }

    /// <summary>A forger who knows everything public: the issuer, the audience and the id of Auth's key.</summary>
    private static async Task<string> ForgedTokenAsync()
    {
        var auth = SharedPlatform.Platform.Auth.Client;
        var discovery = await auth.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var jwks = await auth.GetFromJsonAsync<JsonElement>(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery);
        using var forgerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = discovery.GetProperty("issuer").GetString(),
            Audience = "agent-lightning",
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "forger", ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(forgerKey) { KeyId = jwks.GetProperty("keys")[0].GetProperty("kid").GetString() },
                SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static async Task<HttpStatusCode> WithKeyAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/agents");
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        using var response = await SharedPlatform.Platform.AgentDesigner.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpClient Client(string service) =>
        SharedPlatform.Platform.Processes.First(p => p.Service == service).Client;
}

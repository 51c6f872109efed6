using System.Net;
using System.Text.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Http.Documents;

/// <summary>
/// Every service's OpenAPI document, read as a client reads it: every operation has a name, a summary, a tag, a
/// success response, its request body's schema and the problems its shape implies. A new endpoint without that
/// metadata fails here, whichever service maps it.
/// </summary>
[TestFixtureSource(typeof(PlatformServices), nameof(PlatformServices.All))]
public sealed class When_the_api_is_described(string service)
{
    /// <summary>Paths each service must describe: its own endpoints and the command and dead-letter endpoints every service serves.</summary>
    private static readonly Dictionary<string, string[]> ExpectedPaths = new()
    {
        [RunningPlatform.AuthService] = ["/auth/login", "/auth/refresh", "/auth/logout", "/.well-known/jwks.json", "/auth/keys/rotate", "/users", "/users/{id}", "/users/{id}/role", "/auth/api-keys", "/auth/api-keys/{id}"],
        [RunningPlatform.AgentDesignerService] = ["/agents", "/agents/{id}", "/agents/{id}/history", "/knowledge/{id}"],
        [RunningPlatform.WorkflowEngineService] = ["/workflows", "/workflows/{id}", "/workflows/{id}/runs", "/workflows/{id}/runs/{runId}", "/tasks", "/tasks/{id}", "/tasks/{id}/cancel"],
        [RunningPlatform.AiModelService] = ["/models", "/models/{name}", "/models/{name}/agents"],
        [RunningPlatform.IntegrationHubService] = ["/integrations", "/integrations/{id}", "/integrations/{id}/secret", "/integrations/{id}/deliveries", "/integrations/{id}/deliveries/{deliveryId}"],
        [RunningPlatform.ServiceDiscoveryService] = ["/services", "/services/{name}"],

        // Its one endpoint, /ws, is a WebSocket: docs/websocket.md describes it, not the OpenAPI document.
        [RunningPlatform.WebSocketService] = [],
        [RunningPlatform.TransactionCoordinatorService] = ["/sagas", "/sagas/types", "/sagas/{correlationId}", "/sagas/{correlationId}/cancel", "/sagas/{correlationId}/timeouts/redeliver"],
    };

    /// <summary>Only signing in and the keys validators fetch are anonymous; the body of the first three is the credential.</summary>
    private static readonly string[] AnonymousOperations =
        ["POST /auth/login", "POST /auth/refresh", "POST /auth/logout", "GET /.well-known/openid-configuration", "GET /.well-known/jwks.json"];

    private static readonly string[] CommandPaths = ["/commands", "/commands/{messageType}", "/commands/{messageType}/{messageId}"];

    private static readonly string[] DeadLetterPaths = ["/dead-letters", "/dead-letters/{id}", "/dead-letters/{id}/retry", "/dead-letters/{id}/archive"];

    private JsonElement _document;
    private IReadOnlyList<DescribedOperation> _operations = null!;

    private HttpClient Client => SharedPlatform.Platform.Processes.First(p => p.Service == service).Client;

    [OneTimeSetUp]
    public async Task Read()
    {
        using var response = await Client.SendAsync(HttpMethod.Get, "/openapi/v1.json", token: null);
        _document = await response.JsonAsync(HttpStatusCode.OK);
        _operations = DescribedOperation.AllOf(_document);
    }

    [Test]
    public void Should_describe_the_services_endpoints_the_commands_and_the_dead_letters() =>
        Assert.That(_document.GetProperty("paths").EnumerateObject().Select(p => p.Name),
            Is.SupersetOf(ExpectedPaths[service].Concat(CommandPaths).Concat(DeadLetterPaths)));

    [Test]
    public void Should_describe_every_operation_with_its_name_summary_tag_and_responses()
    {
        Assert.Multiple(() =>
        {
            foreach (var operation in _operations)
            {
                var body = operation.Operation;
                Assert.That(body.TryGetProperty("operationId", out _), Is.True, $"{operation} has a name");
                Assert.That(body.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, Is.True, $"{operation} has a summary");
                Assert.That(body.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, Is.True, $"{operation} has a tag");
                var responses = operation.Responses;
                Assert.That(responses.Keys.Any(k => k.StartsWith('2')), Is.True, $"{operation} has a success response");
                Assert.That(operation.ExpectedProblems().Except(responses.Keys), Is.Empty, $"{operation} declares its problems");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    Assert.That(response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _), Is.True,
                        $"{operation} {status} is a problem document");
                }

                if (operation.HasBody)
                {
                    Assert.That(body.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out _),
                        Is.True, $"{operation} has its request body's schema");
                }
            }
        });
    }

    [Test]
    public void Should_give_every_operation_its_own_name()
    {
        var names = _operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).OfType<string>().ToList();
        Assert.That(names, Is.Unique);
    }

    /// <summary>The document's security is checked against the service: each protected operation refuses an anonymous call.</summary>
    [Test]
    public async Task Should_protect_every_operation_but_signing_in_and_the_keys()
    {
        Assert.That(_operations.Where(o => !o.IsProtected).Select(o => o.ToString()), Is.SubsetOf(AnonymousOperations));
        foreach (var operation in _operations.Where(o => o.IsProtected))
        {
            using var response = await Client.SendAsync(new HttpMethod(operation.Method), operation.SamplePath, token: null);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{operation} without a token");
        }
    }

    [Test]
    public void Should_declare_the_bearer_and_api_key_schemes()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Multiple(() =>
        {
            Assert.That(schemes.GetProperty("Bearer").GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
            Assert.That(schemes.GetProperty("ApiKey").GetProperty("in").GetString(), Is.EqualTo("header"));
            Assert.That(_operations.Where(o => o.IsProtected).Select(o => o.Operation.GetProperty("security").GetArrayLength()), Is.All.EqualTo(2));
        });
    }

    [Test]
    public void Should_name_every_member_in_camel_case()
    {
        var members = _document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("properties", out _))
            .SelectMany(s => s.Value.GetProperty("properties").EnumerateObject().Select(p => $"{s.Name}.{p.Name}"));

        Assert.That(members.Where(m => !char.IsLower(m.Split('.')[1][0])), Is.Empty);
    }
}

using System.Net;
using System.Text.Json;
using AgentLightning.AgentDesigner.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace AgentLightning.AgentDesigner.Tests.Http.Documents;

/// <summary>The OpenAPI document describes every endpoint the service maps, a new one included, with its problems.</summary>
public sealed class When_the_api_is_described
{
    /// <summary>What is mapped and not described: probes, the scrape, and the documents themselves.</summary>
    private static readonly string[] UndescribedPrefixes = ["/health", "/metrics", "/openapi", "/docs"];

    private JsonElement _document;
    private IReadOnlyList<MappedEndpoints.Mapped> _described = null!;
    private IReadOnlyList<MappedEndpoints.Mapped> _undescribed = null!;

    [OneTimeSetUp]
    public async Task Read()
    {
        // Anonymous: no token.
        _document = await (await SharedService.Client.SendAsync(HttpMethod.Get, "/openapi/v1.json", role: null)).JsonAsync(HttpStatusCode.OK);
        var mapped = await MappedEndpoints.ReadAsync(SharedService.Platform.Environment.Variables);
        _undescribed = [.. mapped.Where(m => m.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true || m.Method == "*")];
        _described = [.. mapped.Except(_undescribed)];
    }

    [Test]
    public void Should_leave_out_only_the_probes_and_documents() =>
        Assert.That(_undescribed.Where(m => !UndescribedPrefixes.Any(p => m.Path.StartsWith(p, StringComparison.Ordinal))).Select(m => m.Path), Is.Empty);

    [Test]
    public void Should_describe_the_services_endpoints_and_the_commands() =>
        Assert.That(_described.Select(m => m.Path), Is.SupersetOf(new[] { "/agents", "/agents/{id}", "/knowledge/{id}", "/commands", "/commands/{messageType}" }));

    [Test]
    public void Should_describe_every_mapped_endpoint_with_its_name_summary_and_responses()
    {
        Assert.Multiple(() =>
        {
            foreach (var endpoint in _described)
            {
                var what = $"{endpoint.Method} {endpoint.Path}";
                Assert.That(_document.GetProperty("paths").TryGetProperty(endpoint.Path, out var path), Is.True, $"{what} is in the document");
                if (!path.TryGetProperty(endpoint.Method.ToLowerInvariant(), out var operation))
                {
                    Assert.Fail($"{what} is in the document");
                    continue;
                }

                Assert.That(operation.TryGetProperty("operationId", out _), Is.True, $"{what} has a name");
                Assert.That(operation.TryGetProperty("summary", out _), Is.True, $"{what} has a summary");
                var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                Assert.That(responses.Keys.Any(k => k.StartsWith('2')), Is.True, $"{what} has a success response");
                Assert.That(ExpectedProblems(endpoint, operation).Except(responses.Keys), Is.Empty, $"{what} declares its problems");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    Assert.That(response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _), Is.True,
                        $"{what} {status} is a problem document");
                }
            }
        });
    }

    [Test]
    public void Should_declare_the_bearer_and_api_key_schemes()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Multiple(() =>
        {
            Assert.That(schemes.GetProperty("Bearer").GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
            Assert.That(schemes.GetProperty("ApiKey").GetProperty("in").GetString(), Is.EqualTo("header"));
            Assert.That(_document.GetProperty("paths").GetProperty("/agents").GetProperty("get").GetProperty("security").GetArrayLength(), Is.EqualTo(2));
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

    /// <summary>401 on every protected endpoint, 403 with a role policy, 400 with a body or query, else 404 for a path id.</summary>
    private static IEnumerable<string> ExpectedProblems(MappedEndpoints.Mapped endpoint, JsonElement operation)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            yield return "401";
        }

        if (endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null))
        {
            yield return "403";
        }

        var hasQuery = operation.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "query");
        if (operation.TryGetProperty("requestBody", out _) || hasQuery)
        {
            yield return "400";
        }
        else if (endpoint.Path.Contains('{', StringComparison.Ordinal))
        {
            yield return "404";
        }
    }
}

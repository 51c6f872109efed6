using System.Text.Json;
using AgentLightning.Platform.Tests.Support;
using AgentLightning.Testing.Processes;

namespace AgentLightning.Platform.Tests.Http;

/// <summary>
/// Every POST, PUT and PATCH that a service's OpenAPI document describes, sent bad bodies with unknown ids: each
/// answer is a 4xx ProblemDetails, never a 500. The endpoints come from the documents, so a new one is covered at once.
/// </summary>
[TestFixture]
public sealed class When_input_is_bad
{
    private const string Oversized = "an oversized body";

    private static readonly string[] Writes = ["post", "put", "patch"];

    /// <summary>Bodies that no endpoint that reads a body can accept: each must be refused with a 4xx.</summary>
    private static readonly Dictionary<string, string> Unreadable = new()
    {
        ["malformed JSON"] = """{"name": "unterminated""",
        ["an array for an object"] = "[1, 2, 3]",
        ["a string for an object"] = "\"text\"",
        ["wrong member types"] = """{"id": 12, "name": [], "model": {}, "agentId": false, "description": 3, "priority": "high", "username": 1, "password": 2}""",
        [Oversized] = JsonSerializer.Serialize(new { name = new string('x', 2 * 1024 * 1024) }),
    };

    /// <summary>Bodies that may be enough for some endpoints: a 2xx is allowed, a 5xx never.</summary>
    private static readonly Dictionary<string, string> Incomplete = new()
    {
        ["an empty object"] = "{}",
        ["unknown members only"] = """{"surprise": true}""",
    };

    private static IEnumerable<TestCaseData> Services() =>
        PlatformServices.All().Select(s => new TestCaseData(s).SetArgDisplayNames(s));

    [TestCaseSource(nameof(Services))]
    public async Task Should_answer_every_bad_body_with_a_client_problem(string service)
    {
        var process = SharedPlatform.Platform.Processes.First(p => p.Service == service);
        var token = await SharedPlatform.Accounts.TokenAsync("admin");
        var operations = await WriteOperationsAsync(process);
        Assert.That(operations, Is.Not.Empty, $"{service} documents no write endpoint");

        foreach (var (method, path, readsBody) in operations)
        {
            foreach (var (what, body) in Unreadable.Where(_ => readsBody))
            {
                using var response = await process.Client.SendRawAsync(method, path, token, body);
                await response.ClientProblemAsync($"{service} {method} {path} with {what}");
            }

            // An endpoint that reads no body ignores whatever comes with it (and answers before an oversized one has
            // been sent, which a client sees as a broken pipe): it must still never fail.
            foreach (var (what, body) in readsBody ? Incomplete : Unreadable.Where(b => b.Key != Oversized).Concat(Incomplete))
            {
                using var response = await process.Client.SendRawAsync(method, path, token, body);
                Assert.That((int)response.StatusCode, Is.LessThan(500), $"{service} {method} {path} with {what}: {await response.Content.ReadAsStringAsync()}");
                if ((int)response.StatusCode >= 400)
                {
                    await response.ClientProblemAsync($"{service} {method} {path} with {what}");
                }
            }
        }
    }

    [TestCaseSource(nameof(Services))]
    public async Task Should_refuse_an_unknown_command_type(string service)
    {
        var process = SharedPlatform.Platform.Processes.First(p => p.Service == service);

        using var response = await process.Client.SendRawAsync(HttpMethod.Post, "/commands/LaunchTheRockets", await SharedPlatform.Accounts.TokenAsync("operator"), "{}");

        var problem = await response.ClientProblemAsync($"{service} an unknown command type");
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
    }

    /// <summary>Each documented write, its path parameters filled with ids that exist nowhere, and whether it reads a body.</summary>
    private static async Task<List<(HttpMethod Method, string Path, bool ReadsBody)>> WriteOperationsAsync(ServiceProcess process)
    {
        var document = JsonDocument.Parse(await process.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        return
        [
            .. from path in document.GetProperty("paths").EnumerateObject()
               from operation in path.Value.EnumerateObject()
               where Writes.Contains(operation.Name)
               select (new HttpMethod(operation.Name.ToUpperInvariant()), FillParameters(path.Name, operation.Value),
                   operation.Value.TryGetProperty("requestBody", out _)),
        ];
    }

    private static string FillParameters(string template, JsonElement operation)
    {
        var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            var isGuid = parameter.TryGetProperty("schema", out var schema) && schema.TryGetProperty("format", out var format)
                && format.GetString() == "uuid";
            var value = isGuid ? Guid.NewGuid().ToString() : name == "messageType" ? "CreateAgent" : $"unknown-{Guid.NewGuid():N}"[..20];
            template = template.Replace($"{{{name}}}", value, StringComparison.Ordinal);
        }

        return template;
    }
}

using System.Text.Json;

namespace AgentLightning.Platform.Tests.Http.Documents;

/// <summary>One operation of a service's OpenAPI document: a method on a path.</summary>
public sealed record DescribedOperation(string Method, string Path, JsonElement Operation)
{
    public static IReadOnlyList<DescribedOperation> AllOf(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()
                .Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(m => new DescribedOperation(m.Name.ToUpperInvariant(), p.Name, m.Value)))];

    public bool IsProtected => Operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;

    public bool HasBody => Operation.TryGetProperty("requestBody", out _);

    public bool HasQuery => Operation.TryGetProperty("parameters", out var parameters)
        && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "query");

    public IReadOnlyDictionary<string, JsonElement> Responses =>
        Operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);

    /// <summary>The path with every parameter an id that exists nowhere (a GUID fits every route constraint in use).</summary>
    public string SamplePath => string.Join('/', Path.Split('/').Select(s => s.StartsWith('{') ? Guid.NewGuid().ToString() : s));

    /// <summary>401 and 403 when protected, 400 with a body or query, else 404 for a path id.</summary>
    public IEnumerable<string> ExpectedProblems()
    {
        if (IsProtected)
        {
            yield return "401";
            yield return "403";
        }

        if (HasBody || HasQuery)
        {
            yield return "400";
        }
        else if (Path.Contains('{', StringComparison.Ordinal))
        {
            yield return "404";
        }
    }

    public override string ToString() => $"{Method} {Path}";
}

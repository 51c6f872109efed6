using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace AgentLightning.Testing;

/// <summary>The checks every answer of the platform gets in every test project: its status, its JSON, its problem document.</summary>
public static class HttpAssertions
{
    /// <summary>Asserts the status and returns the JSON body (default for an empty one).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails answer (status, media type, title, trace id) and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.JsonAsync(expected);
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo((int)expected));
            Assert.That(body.GetProperty("title").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(body.GetProperty("traceId").GetString(), Is.Not.Null.And.Not.Empty);
        });
        return body;
    }

    /// <summary><see cref="JsonAsync(HttpResponseMessage, HttpStatusCode)"/> of a call, whose response it disposes.</summary>
    public static async Task<JsonElement> JsonAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        return await response.JsonAsync(expected);
    }

    /// <summary><see cref="ProblemAsync(HttpResponseMessage, HttpStatusCode)"/> of a call, whose response it disposes.</summary>
    public static async Task<JsonElement> ProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        using var response = await call;
        return await response.ProblemAsync(expected);
    }

    /// <summary>A problem's detail, null when it has none.</summary>
    public static string? Detail(this JsonElement problem) =>
        problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
}

using System.Net;
using System.Text.Json;

namespace AgentLightning.Hosting.Tests;

internal static class ProblemAssert
{
    /// <summary>Asserts a ProblemDetails answer with the given status and a trace id, and returns its body.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        });

        var body = JsonDocument.Parse(text).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(body.GetProperty("traceId").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(body.GetProperty("title").GetString(), Is.Not.Null.And.Not.Empty);
        });
        return body;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AgentLightning.AgentDesigner.Tests.Support;

/// <summary>Requests as a client of the platform sends them: a bearer token for a role, JSON bodies, If-Match.</summary>
public static class Api
{
    public static Task<HttpResponseMessage> SendAsync(
        this HttpClient client, HttpMethod method, string path, string? role, object? body = null, string? ifMatch = null) =>
        client.SendAsync(Request(method, path, role, body is null ? null : JsonContent.Create(body), ifMatch));

    /// <summary>Sends <paramref name="json"/> exactly as written, valid or not.</summary>
    public static Task<HttpResponseMessage> SendTextAsync(this HttpClient client, HttpMethod method, string path, string role, string json) =>
        client.SendAsync(Request(method, path, role, new StringContent(json, Encoding.UTF8, "application/json"), null));

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
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
            Assert.That(body.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("traceId").GetString(), Is.Not.Empty);
        });
        return body;
    }

    /// <summary>Every page of a list (<paramref name="path"/> has a query already), following <c>next</c> to the last.</summary>
    public static async Task<List<JsonElement>> PagesAsync(this HttpClient client, string path, string role)
    {
        var pages = new List<JsonElement>();
        for (string? next = null; ;)
        {
            var page = await (await client.SendAsync(HttpMethod.Get, next is null ? path : $"{path}&after={next}", role)).JsonAsync(HttpStatusCode.OK);
            pages.Add(page);
            if ((next = page.GetProperty("next").GetString()) is null)
            {
                return pages;
            }
        }
    }

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.Tag;

    private static HttpRequestMessage Request(HttpMethod method, string path, string? role, HttpContent? content, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(role));
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentLightning.Testing;

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

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentLightning.Testing;

namespace AgentLightning.Platform.Tests.Support;

/// <summary>Requests as a client of the platform sends them, and the assertions every answer gets.</summary>
public static class Api
{
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? token, object? body = null) =>
        client.SendAsync(Request(method, path, token, body is null ? null : JsonContent.Create(body)));

    /// <summary>
    /// Sends <paramref name="content"/> exactly as given, valid or not. A body of more than a megabyte waits for the
    /// server's 100-continue: a server that refuses it answers before it is sent, instead of breaking the upload.
    /// </summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, string? token, string content)
    {
        var request = Request(method, path, token, new StringContent(content, Encoding.UTF8, "application/json"));
        request.Headers.ExpectContinue = content.Length > 1024 * 1024;
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, string token)
    {
        using var response = await client.SendAsync(HttpMethod.Get, path, token);
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Asserts a ProblemDetails answer with a status in the 4xx range and returns it.</summary>
    public static async Task<JsonElement> ClientProblemAsync(this HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.That(status, Is.InRange(400, 499), $"{what}: {status} {text}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"{what}: {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo(status), what);
        return body;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}

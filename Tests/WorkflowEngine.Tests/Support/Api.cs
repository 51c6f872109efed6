using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AgentLightning.WorkflowEngine.Tests.Support;

/// <summary>Requests as a client sends them (a bearer token for a role, JSON as written, If-Match) and their checks.</summary>
public static class Api
{
    public static Task<HttpResponseMessage> CallAsync(
        this HttpClient client, string method, string path, string? role, object? body = null, string? ifMatch = null) =>
        client.RawAsync(method, path, role, body is null ? null : JsonSerializer.Serialize(body, JsonSerializerOptions.Web), ifMatch);

    public static Task<HttpResponseMessage> RawAsync(
        this HttpClient client, string method, string path, string? role, string? json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(role));
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}

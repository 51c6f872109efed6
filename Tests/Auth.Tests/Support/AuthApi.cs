using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AgentLightning.Testing;

namespace AgentLightning.Auth.Tests.Support;

/// <summary>Requests as a client sends them: JSON bodies, a bearer token or an API key.</summary>
internal static class AuthApi
{
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string? token = null, object? body = null) =>
        client.SendAsync(Request(method, path, body is null ? null : JsonContent.Create(body), r =>
        {
            if (token is not null)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }));

    public static Task<HttpResponseMessage> SendTextAsync(this HttpClient client, HttpMethod method, string path, string? token, string json) =>
        client.SendAsync(Request(method, path, new StringContent(json, Encoding.UTF8, "application/json"), r =>
        {
            if (token is not null)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }));

    public static Task<HttpResponseMessage> WithHeaderAsync(this HttpClient client, HttpMethod method, string path, string header, string value) =>
        client.SendAsync(Request(method, path, null, r => r.Headers.TryAddWithoutValidation(header, value)));

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string username, string password) =>
        client.SendAsync(HttpMethod.Post, "/auth/login", body: new { username, password });

    /// <summary>Logs in and returns the tokens (asserting 200).</summary>
    public static async Task<Tokens> TokensAsync(this HttpClient client, string username, string password)
    {
        var body = await (await client.LoginAsync(username, password)).JsonAsync(HttpStatusCode.OK);
        return new Tokens(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!, body.GetProperty("expiresIn").GetInt32());
    }

    /// <summary>Creates a user as the admin and returns its id (asserting 201).</summary>
    public static async Task<Guid> CreateUserAsync(this HttpClient client, string adminToken, string username, string role, string password = "a-long-enough-password")
    {
        var body = await (await client.SendAsync(HttpMethod.Post, "/users", adminToken, new { username, email = $"{username}@example.com", password, role }))
            .JsonAsync(HttpStatusCode.Created);
        return body.GetProperty("id").GetGuid();
    }

    public static string NewUserName() => "u" + Guid.NewGuid().ToString("N")[..12];

    private static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage> configure)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        configure(request);
        return request;
    }
}

internal sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn);
